using System.Diagnostics;
using System.Globalization;
using Research.Cli.Commands;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.ML.AutoML;
using Research.Forecasting.Models;
using Research.Notebooks.Running;
using Spectre.Console;

namespace Research.Cli.Bench;

/// <summary><c>research bench oj</c>: the orange-juice benchmark protocol over the named models.</summary>
public static class OrangeJuiceCommand
{
    public static int Run(string models, int rounds, string outDirectory, int threads, int seed, double automlBudget = 600, int automlTrials = 0)
    {
        var names = models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var forecasters = Catalog.Models.Build(names, OrangeJuiceBenchmark.Setting).ToList(); // fails fast on an unknown name
        var watch = Stopwatch.StartNew();
        var panel = OrangeJuiceBenchmark.Prepare(OrangeJuice.Load());
        var context = new FitContext(Seed: seed, Parallelism: threads);
        // an AutoML model searches once, on the data before the first round, with its own budget
        ExperimentResult? experiment = null;
        for (var m = 0; m < forecasters.Count; m++)
        {
            if (forecasters[m] is not AutoMLForecaster automl) continue;
            var searched = AutoMLCommand.Search(panel, automl with { BudgetSeconds = automlBudget, MaxTrials = automlTrials }, OrangeJuiceBenchmark.Protocol(rounds), context);
            experiment = searched.Experiment;
            forecasters[m] = searched;
        }
        var result = Terminal.Progress($"oj benchmark ({string.Join(", ", names)})", rounds, step =>
            OrangeJuiceBenchmark.Run(panel, forecasters, rounds, context, roundDone: r =>
            {
                step(1);
                if (Terminal.Plain) Console.WriteLine($"round {r}/{rounds} done, {watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
            }));

        Directory.CreateDirectory(outDirectory);
        AtomicFile.WriteAllText(Path.Combine(outDirectory, "metrics.json"), OrangeJuiceBenchmark.MetricsJson(result, panel.SeriesCount));
        AtomicFile.WriteAllText(Path.Combine(outDirectory, "timings.json"), OrangeJuiceBenchmark.TimingsJson(result, threads));
        result.Table.WriteCsv(Path.Combine(outDirectory, "forecasts.csv.gz"));
        experiment?.WriteCsv(Path.Combine(outDirectory, "leaderboard.csv"));
        if (result.Failures.Count > 0)
            AtomicFile.WriteAllText(Path.Combine(outDirectory, "failures.csv"),
                "model,series,round,fallback,message\n" + string.Concat(result.Failures.Select(f => $"{f.Model},{f.Series},{f.Round},{f.Fallback},\"{f.Message.Replace("\"", "'", StringComparison.Ordinal)}\"\n")));

        var r = OrangeJuiceBenchmark.ReferenceR;
        var table = new Table().AddColumns("model", "MAPE %", "R forecast 8.20 MAPE %", "published MAPE %", "sMAPE %", "failures", "seconds");
        foreach (var s in result.Table.Overall())
        {
            var timing = result.Timings.Single(t => t.Model == s.Model);
            table.AddRow(s.Model, F(s.Metrics.Mape), r.TryGetValue(s.Model, out var rv) ? F(rv) : "",
                OrangeJuiceBenchmark.Published.TryGetValue(s.Model, out var pv) ? F(pv) : "", F(s.Metrics.Smape),
                result.Failures.Count(f => f.Model == s.Model).ToString(CultureInfo.InvariantCulture), F(timing.Seconds));
        }
        if (experiment is not null) AutoMLCommand.WriteLeaderboard(experiment, "validation MAPE");
        Terminal.Out.Write(table);
        Terminal.Out.WriteLine($"{OrangeJuiceBenchmark.Protocol(rounds).Describe(Frequency.Periods)}; {panel.SeriesCount} series; {threads} thread(s); wrote {outDirectory}/metrics.json, timings.json, forecasts.csv.gz");
        return 0;
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "";
}
