using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.IO;
using Research.Forecasting.Models;
using Spectre.Console;

namespace Research.Cli.Bench;

/// <summary><c>research bench rossmann</c>: the Rossmann protocol (<see cref="RossmannBenchmark"/>) over the named models.</summary>
public static class RossmannCommand
{
    public static int Run(string models, int rounds, int stores, string outDirectory, int threads, int seed, IReadOnlyList<string>? commandLine = null)
    {
        var clock = new RunClock();
        using var dataLog = DataFile.Track();
        var names = OptionValues.List("--models", models);
        if (names.Length == 0) throw new UsageException("--models", models, "names no model");
        foreach (var m in names)
            if (!Catalog.Models.Contains(m))
                throw new UsageException("--models", m, $"is not a model; known models: {string.Join(", ", Catalog.Models.Entries.Select(e => e.Name))}");
        if (rounds > RossmannBenchmark.Rounds) throw new UsageException("--rounds", rounds.ToString(CultureInfo.InvariantCulture), $"the protocol has {RossmannBenchmark.Rounds} rounds");
        if (stores < 0) throw new UsageException("--stores", stores.ToString(CultureInfo.InvariantCulture), "0 (all 1,115) or more");
        if (OutputFolder.Problem(outDirectory) is { } problem) throw new UsageException("--out", outDirectory, problem);

        var watch = Stopwatch.StartNew();
        var panel = RossmannBenchmark.Prepare(Rossmann.Load(), stores);
        clock.Lap("load");
        var context = new FitContext(Seed: seed, Parallelism: threads);
        var runId = RunId.For(["bench rossmann", string.Join(',', names), rounds.ToString(CultureInfo.InvariantCulture),
            stores.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture)]);
        using var output = OutputFolder.Begin(outDirectory, runId);
        var forecasters = Catalog.Models.Build(names, RossmannBenchmark.Setting);
        var result = Terminal.Progress($"rossmann benchmark ({string.Join(", ", names)})", rounds, step =>
            RossmannBenchmark.Run(panel, forecasters, rounds, context, roundDone: r =>
            {
                step(1);
                if (Terminal.Plain) Console.WriteLine($"round {r}/{rounds} done, {watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
            }));

        clock.Lap("backtest");
        output.WriteText("metrics.json", RossmannBenchmark.MetricsJson(result, panel.SeriesCount, runId));
        output.WriteText("timings.json", BacktestReport.TimingsJson(result, threads, runId));
        output.WriteText(BacktestReport.FailuresFile, BacktestReport.FailuresCsv(result));
        output.Write("forecasts.csv.gz", result.Table.WriteCsv(gzip: true));
        Manifests.Write(output, "research bench rossmann", commandLine ?? [], clock, new Dictionary<string, long> { ["seed"] = seed }, dataLog);
        output.Commit(new JsonObject { ["command"] = "research bench rossmann" });

        var table = new Table().AddColumns("model", "RMSPE", "MAPE %", "sMAPE %", "MASE", "fell back", "seconds");
        foreach (var s in result.Table.Overall())
            table.AddRow(s.Model, F(s.Metrics.Rmspe, "F4"), F(s.Metrics.Mape), F(s.Metrics.Smape), F(s.Mase),
                result.Failures.Count(f => f.Model == s.Model).ToString(CultureInfo.InvariantCulture), F(result.Timings.Single(t => t.Model == s.Model).Seconds));
        Terminal.Out.Write(table);
        Terminal.Line($"{result.Options.Describe(Frequency.Daily)}; {panel.SeriesCount} stores; {threads} thread(s)");
        Terminal.Line(BacktestReport.FailureSummary(result, Path.Combine(outDirectory, BacktestReport.FailuresFile)));
        Terminal.Line($"wrote {output.Target} (metrics.json, timings.json, forecasts.csv.gz, failures.csv, manifest.json, run.json)");
        return ExitCodes.Success;
    }

    private static string F(double v, string format = "F2") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";
}
