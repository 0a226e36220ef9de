using System.CommandLine;
using System.Globalization;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;
using Research.Notebooks.Running;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research backtest</c>: the backtester over any long-format CSV.</summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Long-format .csv or .csv.gz (one row per series and period).", Required = true };
        var id = new Option<string>("--id") { Description = "Comma-separated columns that identify a series.", Required = true };
        var time = new Option<string>("--time") { Description = "Time column.", Required = true };
        var freq = new Option<string>("--freq") { Description = "daily, weekly, weekly:<weekday>, monthly, or periods (integers).", Required = true };
        var target = new Option<string>("--target") { Description = "Target column.", Required = true };
        var dynamic = new Option<string?>("--dynamic") { Description = "Comma-separated dynamic covariates known in advance (used as regressors)." };
        var statics = new Option<string?>("--static") { Description = "Comma-separated static covariates." };
        var horizon = new Option<int>("--horizon") { Description = "Periods evaluated per round.", Required = true };
        var gap = new Option<int>("--gap") { Description = "First forecast period = cutoff + gap (1 = the next period).", DefaultValueFactory = _ => 1 };
        var step = new Option<int>("--step") { Description = "Periods between cutoffs.", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds (origins).", Required = true };
        var end = new Option<string?>("--end") { Description = "Last period evaluated (default: the last period in the data)." };
        var season = new Option<int>("--season") { Description = "Season length for seasonal models (default: the frequency's).", DefaultValueFactory = _ => 0 };
        var transform = new Option<TargetTransform>("--transform") { Description = "None, Log or Log1p.", DefaultValueFactory = _ => TargetTransform.None };
        var models = new Option<string>("--models") { Description = "Comma-separated models.", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for metrics.json, timings.json and forecasts.csv.gz.", DefaultValueFactory = _ => Path.Combine("artifacts", "backtest") };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("backtest", "Rolling-origin backtest of the named models on any long-format CSV.")
        {
            data, id, time, freq, target, dynamic, statics, horizon, gap, step, rounds, end, season, transform, models, output, threads,
        };
        command.SetAction(r =>
        {
            try
            {
                var frequency = ParseFrequency(r.GetValue(freq)!);
                var dynamicColumns = Split(r.GetValue(dynamic));
                var schema = new PanelSchema
                {
                    Ids = Split(r.GetValue(id)),
                    Time = r.GetValue(time)!,
                    Frequency = frequency,
                    Target = r.GetValue(target)!,
                    Dynamic = [.. dynamicColumns.Select(c => new ColumnSpec(c))],
                    Static = [.. Split(r.GetValue(statics)).Select(c => new ColumnSpec(c) { AllowMissing = true })],
                };
                var panel = PanelLoader.Load(r.GetValue(data)!, schema);
                var endText = r.GetValue(end);
                var options = new BacktestOptions
                {
                    Horizon = r.GetValue(horizon),
                    Gap = r.GetValue(gap),
                    Step = r.GetValue(step),
                    Rounds = r.GetValue(rounds),
                    End = endText is null ? panel.MaxTime : frequency.Parse(endText),
                };
                var seasonLength = r.GetValue(season) > 0 ? r.GetValue(season) : Math.Max(1, frequency.DefaultSeasonLength);
                var forecasters = Catalog.Models.Build(r.GetValue(models)!.Split(','), new ModelSetting(seasonLength, dynamicColumns, r.GetValue(transform)));
                var context = new FitContext(Parallelism: r.GetValue(threads));
                var result = Terminal.Progress("backtest", options.Rounds, stepDone => Backtester.Run(panel, forecasters, options, context, roundDone: _ => stepDone(1)));
                var outDir = r.GetValue(output)!;
                AtomicFile.WriteAllText(Path.Combine(outDir, "metrics.json"), Forecasting.Benchmarks.OrangeJuiceBenchmark.MetricsJson(result, panel.SeriesCount)
                    .Replace("Dominick's orange juice (bayesm orangeJuice), store x brand", r.GetValue(data)!, StringComparison.Ordinal));
                AtomicFile.WriteAllText(Path.Combine(outDir, "timings.json"), Forecasting.Benchmarks.OrangeJuiceBenchmark.TimingsJson(result, context.Parallelism));
                result.Table.WriteCsv(Path.Combine(outDir, "forecasts.csv.gz"));
                var table = new Table().AddColumns("model", "MAPE %", "sMAPE %", "MAE", "RMSE", "points", "failures");
                foreach (var s in result.Table.Overall())
                    table.AddRow(s.Model, F(s.Metrics.Mape), F(s.Metrics.Smape), F(s.Metrics.Mae), F(s.Metrics.Rmse),
                        s.Metrics.Count.ToString(CultureInfo.InvariantCulture), result.Failures.Count(f => f.Model == s.Model).ToString(CultureInfo.InvariantCulture));
                Terminal.Out.Write(table);
                Terminal.Out.WriteLine($"{options.Describe(frequency)}; {panel.SeriesCount} series; wrote {outDir}");
                return 0;
            }
            catch (Exception e) when (e is DataFormatException or ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    public static Frequency ParseFrequency(string text) => text.Trim().ToLowerInvariant() switch
    {
        "daily" or "day" or "d" => Frequency.Daily,
        "weekly" or "week" or "w" => Frequency.Weekly(),
        "monthly" or "month" or "m" => Frequency.Monthly,
        "periods" or "period" or "integer" or "n" => Frequency.Periods,
        var t when t.StartsWith("weekly:", StringComparison.Ordinal) && Enum.TryParse<DayOfWeek>(t[7..], ignoreCase: true, out var day) => Frequency.Weekly(day),
        _ => throw new ArgumentException($"--freq '{text}': use daily, weekly, weekly:<weekday> (e.g. weekly:sunday), monthly or periods"),
    };

    private static string[] Split(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "";
}
