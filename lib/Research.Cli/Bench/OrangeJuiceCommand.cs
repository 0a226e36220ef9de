using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Research.Cli.Commands;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.IO;
using Research.Forecasting.ML.AutoML;
using Research.Forecasting.Models;
using Spectre.Console;

namespace Research.Cli.Bench;

/// <summary><c>research bench oj</c>: the orange-juice benchmark protocol over the named models.</summary>
public static class OrangeJuiceCommand
{
    public static int Run(string models, int rounds, string outDirectory, int threads, int seed, string levelsText = "none", double automlBudget = 600, int automlTrials = 0,
        IReadOnlyList<string>? commandLine = null)
    {
        var clock = new RunClock();
        using var dataLog = DataFile.Track();
        var names = OptionValues.List("--models", models);
        foreach (var m in names)
            if (!Catalog.Models.Contains(m))
                throw new UsageException("--models", m, $"is not a model; known models: {string.Join(", ", Catalog.Models.Entries.Select(e => e.Name))}");
        if (names.Length == 0) throw new UsageException("--models", models, "names no model");
        if (rounds > 10) throw new UsageException("--rounds", rounds.ToString(CultureInfo.InvariantCulture), "the protocol has 10 rounds");
        double[] levels = levelsText.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? []
            : [.. OptionValues.List("--levels", levelsText).Select(l => OptionValues.Number("--levels", l) is var v and > 0 and < 100 ? v
                : throw new UsageException("--levels", l, "an interval level is a percentage strictly between 0 and 100"))];
        if (OutputFolder.Problem(outDirectory) is { } problem) throw new UsageException("--out", outDirectory, problem);
        if (!(automlBudget > 0)) throw new UsageException("--automl-budget", automlBudget.ToString(CultureInfo.InvariantCulture), "seconds, more than 0");
        if (automlTrials < 0) throw new UsageException("--automl-trials", automlTrials.ToString(CultureInfo.InvariantCulture), "0 (no limit) or more");

        var watch = Stopwatch.StartNew();
        var panel = OrangeJuiceBenchmark.Prepare(OrangeJuice.Load());
        clock.Lap("load");
        var context = new FitContext(Seed: seed, Parallelism: threads);
        var runId = RunId.For(["bench oj", string.Join(',', names), rounds.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture), levelsText,
            automlBudget.ToString(CultureInfo.InvariantCulture), automlTrials.ToString(CultureInfo.InvariantCulture)]);
        using var output = OutputFolder.Begin(outDirectory, runId);
        var forecasters = Catalog.Models.Build(names, OrangeJuiceBenchmark.Setting).ToList();
        var protocol = OrangeJuiceBenchmark.Protocol(rounds) with { Levels = levels };
        // an AutoML model searches once, on the data before the first round, with its own budget
        ExperimentResult? experiment = null;
        for (var m = 0; m < forecasters.Count; m++)
        {
            if (forecasters[m] is not AutoMLForecaster automl) continue;
            var searched = AutoMLCommand.Search(panel, automl with { BudgetSeconds = automlBudget, MaxTrials = automlTrials }, protocol, context);
            experiment = searched.Experiment;
            forecasters[m] = searched;
        }
        clock.Lap("prepare");
        var result = Terminal.Progress($"oj benchmark ({string.Join(", ", names)})", rounds, step =>
            Backtester.Run(panel, forecasters, protocol, context, roundDone: r =>
            {
                step(1);
                if (Terminal.Plain) Console.WriteLine($"round {r}/{rounds} done, {watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
            }));

        clock.Lap("backtest");
        output.WriteText("metrics.json", OrangeJuiceBenchmark.MetricsJson(result, panel.SeriesCount, runId));
        output.WriteText("timings.json", OrangeJuiceBenchmark.TimingsJson(result, threads, runId));
        output.WriteText(BacktestReport.FailuresFile, BacktestReport.FailuresCsv(result));
        output.Write("forecasts.csv.gz", result.Table.WriteCsv(gzip: true));
        if (experiment is not null) output.WriteText("leaderboard.csv", experiment.Csv(seconds: true));
        Manifests.Write(output, "research bench oj", commandLine ?? [], clock, new Dictionary<string, long> { ["seed"] = seed }, dataLog);
        output.Commit(new JsonObject { ["command"] = "research bench oj" });

        var r = OrangeJuiceBenchmark.ReferenceR;
        var table = new Table().AddColumns("model", "MAPE %", "R forecast 8.20 MAPE %", "published MAPE %", "sMAPE %", "MASE", "fell back", "seconds");
        foreach (var s in result.Table.Overall())
        {
            var timing = result.Timings.Single(t => t.Model == s.Model);
            table.AddRow(s.Model, F(s.Metrics.Mape), r.TryGetValue(s.Model, out var rv) ? F(rv) : "",
                OrangeJuiceBenchmark.Published.TryGetValue(s.Model, out var pv) ? F(pv) : "", F(s.Metrics.Smape), F(s.Mase),
                result.Failures.Count(f => f.Model == s.Model).ToString(CultureInfo.InvariantCulture), F(timing.Seconds));
        }
        Terminal.Out.Write(table);
        Terminal.Line($"{result.Options.Describe(Frequency.Periods)}; {panel.SeriesCount} series; {threads} thread(s)");
        Terminal.Line(BacktestReport.FailureSummary(result, Path.Combine(outDirectory, BacktestReport.FailuresFile)));
        Terminal.Line($"wrote {output.Target} (metrics.json, timings.json, forecasts.csv.gz, failures.csv, manifest.json, run.json)");
        return ExitCodes.Success;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "";
}
