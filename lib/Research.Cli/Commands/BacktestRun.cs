using System.Globalization;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.IO;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary>
/// Runs a checked <see cref="BacktestRequest"/>: load, complete the grid under the declared policy, fill declared
/// covariates, check the protocol against the data (each problem names its option), backtest, and write the output
/// folder as a unit.
/// </summary>
public static class BacktestRun
{
    /// <summary>Name of the 0/1 column that marks scored periods when the grid is completed.</summary>
    private const string ObservedColumn = ".observed";

    /// <summary>A verb's own models (instead of <see cref="BacktestRequest.Models"/>), made once the data and protocol are known.</summary>
    /// <param name="Models">The forecasters to backtest.</param>
    /// <param name="Write">Extra files for the output folder (e.g. the AutoML leaderboard), or null.</param>
    public sealed record OwnModels(IReadOnlyList<IForecaster> Models, Action<OutputFolder>? Write);

    /// <summary>Runs the request; <paramref name="own"/> (given the prepared panel, protocol, context and model setting) replaces the catalog models.</summary>
    public static int Execute(BacktestRequest q, Func<SeriesPanel, BacktestOptions, FitContext, ModelSetting, OwnModels>? own = null)
    {
        var clock = new RunClock();
        using var dataLog = DataFile.Track();
        var f = q.Frequency;
        var raw = PanelLoader.Load(q.Data, Schema(q));
        clock.Lap("load");
        if (!raw.Series.Any(s => HasValue(s.Target)))
            throw new UsageException("--target", q.Target, $"every value in {q.Data} is missing (empty, NA or NaN): there is nothing to train on or to evaluate");

        var end = q.End?.Period ?? raw.MaxTime;
        if (end > raw.MaxTime)
            throw new UsageException("--end", q.End!.Value.Text, $"is after the last period in the data ({f.Format(raw.MaxTime)}): nothing there to evaluate");

        // the grid
        var (panel, grid) = CompleteGrid(raw, q);
        // declared fills of dynamic covariates
        var covariateFills = new JsonObject();
        foreach (var d in q.Dynamic)
        {
            if (ColumnDeclaration.Method(d.Fill) is not { } method)
            {
                covariateFills[d.Name] = null;
                continue;
            }
            var filled = Clean.Apply(panel, new Fill(method) { Columns = [d.Name], SeasonLength = q.SeasonLength });
            panel = filled.Panel;
            covariateFills[d.Name] = filled.Report.Total($"filled {d.Name}");
        }

        // the transform's offset
        var offset = q.Offset ?? 0;
        if (q.AutoOffset)
        {
            var min = Min(panel);
            offset = q.Transform == TargetTransform.Log ? (min > 0 ? 0 : 1 - min) : (min > -1 ? 0 : -min);
        }

        // models and their regressors
        var regressors = q.Regressors ?? [.. q.Dynamic.Where(d => d.Kind != ColumnKind.Category).Select(d => d.Name)];
        var setting = new ModelSetting(q.SeasonLength, regressors, q.Transform);
        var entries = q.Models.Select(m => Catalog.Models.Entries.First(e => string.Equals(e.Name, m, StringComparison.OrdinalIgnoreCase))).ToArray();
        IReadOnlyList<IForecaster> forecasters = Catalog.Models.Build(q.Models, setting);

        var options = new BacktestOptions
        {
            Horizon = q.Horizon,
            Gap = q.Gap,
            Step = q.Step,
            Rounds = q.Rounds,
            End = end,
            Levels = q.Levels,
            SeasonLength = q.SeasonLength,
            TargetOffset = offset,
            ObservedColumn = grid.Scored ? null : ObservedColumn,
        };
        if (q.Fill == GridFill.Refuse)
        {
            try
            {
                Backtester.RequireRegularGrid(panel);
            }
            catch (PanelException e)
            {
                throw new PanelException($"{q.Data}: {e.Message}: declare --fill none, ffill, linear, seasonal or zero (see research backtest --help)", e.Series);
            }
        }
        try
        {
            options.CheckAgainst(panel);
        }
        catch (ProtocolException e)
        {
            throw new UsageException(OptionOf(e.ParamName), e.ParamName == nameof(BacktestOptions.End) && q.End is null ? null : e.Value, e.Problem);
        }

        var dataSha256 = RunId.FileSha256(q.Data);
        var runId = RunId.For([own is null ? "backtest" : "backtest+own", dataSha256, Canonical(q)]);
        // a shard backtests the series whose key hashes to it, against the whole panel; research merge puts the shards together
        int[]? shardSeries = null;
        var folderId = runId;
        if (q.Shard is { } shard)
        {
            var text = $"{shard.Index}/{shard.Count}";
            if (own is not null) throw new UsageException("--shard", text, "this verb's model searches across series: only research backtest of local models is sharded");
            foreach (var model in forecasters)
                if (model is not LocalForecaster)
                    throw new UsageException("--shard", text, $"{model.Name} fits one model across series (global), so its forecasts depend on which series a shard holds; "
                        + "shard the local models and backtest the global ones in one process");
            shardSeries = Shards.Select(panel, shard.Index, shard.Count);
            folderId = RunId.For([runId, $"shard {text}"]);
        }
        using var output = OutputFolder.Begin(q.Output, folderId);
        var context = new FitContext(Seed: q.Seed, Parallelism: q.Threads);
        OwnModels? owned = null;
        if (own is not null)
        {
            owned = own(panel, options, context, setting);
            forecasters = owned.Models;
        }
        var regressorsOf = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < forecasters.Count; i++)
            regressorsOf[forecasters[i].Name] = forecasters[i] is LocalForecaster local ? local.Regressors
                : i < entries.Length && entries[i].TakesRegressors ? regressors : [];
        foreach (var (model, columns) in regressorsOf)
            foreach (var column in columns)
                RequireComplete(panel, column, model);
        clock.Lap(own is null ? "prepare" : "prepare and search");
        var result = Terminal.Progress("backtest", options.Rounds, done => Backtester.Run(panel, forecasters, options, context, roundDone: r =>
        {
            done(1);
            if (Terminal.Plain) Console.WriteLine($"round {r}/{options.Rounds} done");
        }, series: shardSeries));
        clock.Lap("backtest");

        var metrics = new JsonObject
        {
            [OutputFolder.RunIdKey] = runId,
            ["data"] = new JsonObject
            {
                ["file"] = q.Data,
                ["rows"] = raw.RowCount,
                ["series"] = raw.SeriesCount,
                ["first"] = f.Format(raw.MinTime),
                ["last"] = f.Format(raw.MaxTime),
                ["frequency"] = Describe(f),
            },
            ["schema"] = new JsonObject
            {
                ["ids"] = new JsonArray([.. q.Ids.Select(x => JsonValue.Create(x))]),
                ["time"] = q.Time,
                ["target"] = q.Target,
                ["dynamic"] = new JsonArray([.. q.Dynamic.Select(d => (JsonNode)new JsonObject
                {
                    ["name"] = d.Name,
                    ["kind"] = d.KindName,
                    ["fill"] = d.Fill == CovariateFill.Refuse ? null : d.Fill.ToString().ToLowerInvariant(),
                    ["filled_values"] = covariateFills[d.Name]?.DeepClone(),
                })]),
                ["static"] = new JsonArray([.. q.Static.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["kind"] = d.KindName })]),
            },
            ["grid"] = grid.Json,
            ["transform"] = new JsonObject
            {
                ["name"] = q.Transform.ToString().ToLowerInvariant(),
                ["offset"] = offset,
                ["offset_rule"] = q.AutoOffset ? (q.Transform == TargetTransform.Log ? "auto: 1 - min(y) when min(y) <= 0, else 0" : "auto: -min(y) when min(y) <= -1, else 0") : q.Offset is null ? null : "given",
                ["models_fit"] = Formula(q.Transform, offset),
            },
            ["protocol"] = BacktestReport.Protocol(options, f),
            ["evaluation"] = grid.Scored
                ? "metrics on the original scale over every series, evaluated period and round; periods filled with zero count as observed zeros"
                : "metrics on the original scale over every series, evaluated period and round; periods absent from the data or with a missing target are not scored",
            ["models"] = BacktestReport.Models(result, regressorsOf),
            ["failures"] = new JsonObject { ["count"] = result.Failures.Count, ["file"] = BacktestReport.FailuresFile },
        };
        var command = own is null ? "research backtest" : "research automl";
        var seeds = new Dictionary<string, long> { ["seed"] = q.Seed };
        if (q.Shard is { } part)
        {
            // what research merge needs: the metrics of the whole run without the models' figures, every series'
            // index in the panel, the failures with their fields, each model's regressors
            metrics["models"] = null;
            metrics["failures"]!["count"] = null;
            var shardJson = ShardFile.Create(folderId, part.Index, part.Count, runId, dataSha256, Canonical(q), q.FrequencyText, panel.SeriesCount,
                shardSeries!.Select(i => (panel[i].Id, i)), [.. forecasters.Select(m => m.Name)], regressorsOf, result.Failures, metrics);
            output.WriteText(ShardFile.FileName, shardJson.ToJsonString(BacktestReport.Json) + "\n");
            output.WriteText("timings.json", BacktestReport.TimingsJson(result, q.Threads, folderId));
            output.WriteText(BacktestReport.FailuresFile, BacktestReport.FailuresCsv(result));
            output.Write("forecasts.csv.gz", result.Table.WriteCsv(gzip: true));
            Manifests.Write(output, command, q.CommandLine, clock, seeds, dataLog);
            output.Commit(new JsonObject
            {
                ["command"] = command,
                ["arguments"] = new JsonArray([.. q.CommandLine.Select(t => JsonValue.Create(t))]),
                ["data_sha256"] = dataSha256,
                ["shard"] = $"{part.Index}/{part.Count}",
                ["full_run_id"] = runId,
            });
            Summary(q, result, grid, offset, regressorsOf, output.Target);
            Terminal.Line($"shard {part.Index}/{part.Count}: {shardSeries!.Length} of {panel.SeriesCount} series; combine the {part.Count} shards with research merge <folders> --out <folder>");
            return ExitCodes.Success;
        }
        output.WriteText("metrics.json", metrics.ToJsonString(BacktestReport.Json) + "\n");
        output.WriteText("timings.json", BacktestReport.TimingsJson(result, q.Threads, runId));
        output.WriteText(BacktestReport.FailuresFile, BacktestReport.FailuresCsv(result));
        output.Write("forecasts.csv.gz", result.Table.WriteCsv(gzip: true));
        owned?.Write?.Invoke(output);
        Manifests.Write(output, command, q.CommandLine, clock, seeds, dataLog);
        output.Commit(new JsonObject
        {
            ["command"] = command,
            ["arguments"] = new JsonArray([.. q.CommandLine.Select(t => JsonValue.Create(t))]),
            ["data_sha256"] = dataSha256,
        });

        Summary(q, result, grid, offset, regressorsOf, output.Target);
        return ExitCodes.Success;
    }

    private static PanelSchema Schema(BacktestRequest q)
    {
        TargetBound? bound = null;
        if (!q.AutoOffset && q.Transform != TargetTransform.None)
        {
            var c = q.Offset ?? 0;
            var shifted = c == 0 ? "" : $" + {c.ToString(CultureInfo.InvariantCulture)}";
            bound = q.Transform == TargetTransform.Log
                ? new TargetBound(c == 0 ? 0 : -c, $"--transform log needs y{shifted} > 0; use --offset auto to fit log(y + c) with c recorded in the run, or --transform none")
                : new TargetBound(-1 - c, $"--transform log1p needs y{shifted} > -1; use --offset auto to fit log1p(y + c) with c recorded in the run, or --transform none");
        }
        return new PanelSchema
        {
            Ids = q.Ids,
            Time = q.Time,
            Frequency = q.Frequency,
            Target = q.Target,
            Dynamic = [.. q.Dynamic.Select(d => d.Spec(allowMissing: false))],
            Static = [.. q.Static.Select(d => d.Spec(allowMissing: true))],
            TargetBound = bound,
        };
    }

    /// <summary>What the grid policy did, for the summary and metrics.json.</summary>
    private sealed record GridOutcome(JsonObject Json, bool Scored, string Line);

    private static (SeriesPanel Panel, GridOutcome Grid) CompleteGrid(SeriesPanel raw, BacktestRequest q)
    {
        var name = q.Fill.ToString().ToLowerInvariant();
        if (q.Fill == GridFill.Refuse)
            return (raw, new GridOutcome(new JsonObject { ["fill"] = name, ["missing_periods"] = 0 }, Scored: true, "grid: every series complete"));
        var steps = new List<ICleaningStep>
        {
            new CompleteGrid { ObservedColumn = ObservedColumn, MissingTargetIsUnobserved = q.Fill != GridFill.Zero },
        };
        var method = q.Fill switch
        {
            GridFill.Ffill => FillMethod.ForwardBackward,
            GridFill.Zero => FillMethod.Zero,
            GridFill.Linear => FillMethod.Linear,
            GridFill.Seasonal => FillMethod.Seasonal,
            _ => (FillMethod?)null,
        };
        if (method is { } m) steps.Add(new Fill(m) { Columns = [q.Target], SeasonLength = q.SeasonLength });
        var cleaned = Clean.Apply(raw, steps);
        var added = cleaned.Report.Total("missing period");
        var series = cleaned.Report.SeriesAffected("missing period");
        var filled = method is null ? 0 : cleaned.Report.Total($"filled {q.Target}");
        var scored = q.Fill == GridFill.Zero;
        var json = new JsonObject
        {
            ["fill"] = name,
            ["missing_periods"] = added,
            ["series_with_missing_periods"] = series,
            ["target_values_filled"] = filled,
            ["scored"] = scored ? "filled periods count as observed zeros" : "filled periods are not scored",
        };
        var line = added == 0 ? $"grid: every series complete (--fill {name} had nothing to do)"
            : $"grid: {added} missing period{(added == 1 ? "" : "s")} in {series} series completed with --fill {name}"
              + (method is null ? " (target missing there, not scored)" : scored ? $"; {filled} target values set to zero and scored" : $"; {filled} target values filled, not scored");
        return (cleaned.Panel, new GridOutcome(json, scored, line));
    }

    // A regressor must have a value in every row, or the model using it fails on every series that lacks one.
    private static void RequireComplete(SeriesPanel panel, string column, string model)
    {
        var c = panel.DynamicIndex(column);
        var missing = 0L;
        string? where = null;
        foreach (var s in panel.Series)
        {
            var v = s.Dynamic(c);
            for (var k = 0; k < v.Length; k++)
            {
                if (!double.IsNaN(v[k])) continue;
                missing++;
                where ??= $"series {s.Id} at {panel.Frequency.Format(s.Time[k])}";
            }
        }
        if (missing > 0)
            throw new UsageException("--dynamic", column,
                $"{missing} value{(missing == 1 ? " is" : "s are")} missing (first: {where}) and {model} uses the column as a regressor; declare a fill ({column}:fill=zero, ffill, linear or seasonal) or leave it out with --regressors");
    }

    private static bool HasValue(ReadOnlySpan<double> v)
    {
        foreach (var x in v) if (!double.IsNaN(x)) return true;
        return false;
    }

    private static double Min(SeriesPanel panel)
    {
        var min = double.PositiveInfinity;
        foreach (var s in panel.Series)
            foreach (var y in s.Target)
                if (y < min) min = y;
        return min;
    }

    private static string OptionOf(string? property) => property switch
    {
        nameof(BacktestOptions.Rounds) => "--rounds",
        nameof(BacktestOptions.End) => "--end",
        nameof(BacktestOptions.Horizon) => "--horizon",
        nameof(BacktestOptions.Gap) => "--gap",
        nameof(BacktestOptions.Step) => "--step",
        nameof(BacktestOptions.SeasonLength) => "--season",
        nameof(BacktestOptions.Levels) => "--levels",
        _ => property ?? "the protocol",
    };

    private static string Formula(TargetTransform t, double offset)
    {
        var y = offset == 0 ? "y" : $"y + {offset.ToString("R", CultureInfo.InvariantCulture)}";
        return t switch
        {
            TargetTransform.Log => $"log({y})",
            TargetTransform.Log1p => $"log1p({y})",
            _ => y,
        };
    }

    private static string Describe(Frequency f) => f.Kind switch
    {
        FrequencyKind.Weekly => $"weekly, weeks starting on {f.WeekStart}",
        _ => f.Kind.ToString().ToLowerInvariant(),
    };

    // Everything that determines the results, in a fixed order (not the output folder, not the thread count).
    private static string Canonical(BacktestRequest q) => new JsonObject
    {
        ["ids"] = string.Join(',', q.Ids),
        ["time"] = q.Time,
        ["frequency"] = q.Frequency.ToString(),
        ["target"] = q.Target,
        ["dynamic"] = string.Join(',', q.Dynamic.Select(d => $"{d.Name}:{d.KindName}:{d.Fill}")),
        ["static"] = string.Join(',', q.Static.Select(d => $"{d.Name}:{d.KindName}")),
        ["regressors"] = q.Regressors is null ? null : string.Join(',', q.Regressors),
        ["horizon"] = q.Horizon,
        ["gap"] = q.Gap,
        ["step"] = q.Step,
        ["rounds"] = q.Rounds,
        ["end"] = q.End?.Period,
        ["season"] = q.SeasonLength,
        ["transform"] = q.Transform.ToString(),
        ["offset"] = q.AutoOffset ? "auto" : q.Offset?.ToString("R", CultureInfo.InvariantCulture),
        ["fill"] = q.Fill.ToString(),
        ["levels"] = string.Join(',', q.Levels.Select(l => l.ToString("R", CultureInfo.InvariantCulture))),
        ["models"] = string.Join(',', q.Models),
        ["seed"] = q.Seed,
    }.ToJsonString();

    private static void Summary(BacktestRequest q, BacktestResult result, GridOutcome grid, double offset,
        IReadOnlyDictionary<string, IReadOnlyList<string>> regressorsOf, string outDir)
    {
        var level = q.Levels.Count > 0 ? q.Levels[0] : (double?)null;
        var table = new Table().AddColumns("model", "MAPE %", "sMAPE %", "MAE", "RMSE", "MASE");
        if (level is { } l) table.AddColumn($"{l.ToString(CultureInfo.InvariantCulture)}% coverage");
        table.AddColumns("points", "fell back", "regressors");
        foreach (var s in result.Table.Overall())
        {
            var cells = new List<string> { Markup.Escape(s.Model), F(s.Metrics.Mape), F(s.Metrics.Smape), F(s.Metrics.Mae), F(s.Metrics.Rmse), F(s.Mase) };
            if (level is not null) cells.Add(s.Intervals.Count > 0 ? F(s.Intervals[0].Coverage * 100) : "");
            cells.Add(s.Metrics.Count.ToString(CultureInfo.InvariantCulture));
            cells.Add(result.Failures.Count(x => x.Model == s.Model).ToString(CultureInfo.InvariantCulture));
            cells.Add(Markup.Escape(string.Join(", ", regressorsOf[s.Model])));
            table.AddRow([.. cells]);
        }
        Terminal.Out.Write(table);
        var f = q.Frequency;
        Terminal.Line($"{result.Options.Describe(f)}; {result.Table.Count} evaluated rows");
        Terminal.Line(grid.Line);
        if (q.Transform != TargetTransform.None) Terminal.Line($"models fit {Formula(q.Transform, offset)}; forecasts transformed back");
        Terminal.Line(BacktestReport.FailureSummary(result, Path.Combine(q.Output, BacktestReport.FailuresFile)));
        Terminal.Line(q.Shard is null ? $"wrote {outDir} (metrics.json, timings.json, forecasts.csv.gz, failures.csv, manifest.json, run.json)"
            : $"wrote {outDir} (a partial output: forecasts.csv.gz, failures.csv and timings.json of the shard's series, shard.json, manifest.json, run.json)");
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "";
}
