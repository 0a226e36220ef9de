using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.IO;

namespace Research.Cli.Commands;

/// <summary>
/// <c>research merge</c>: combines the partial output folders of <c>research backtest --shard K/N</c> into the output folder
/// one unsharded run writes: the same <c>forecasts.csv.gz</c>, <c>metrics.json</c> and <c>failures.csv</c>, byte for byte.
/// <c>timings.json</c> adds each model's seconds over the shards (work done, not the elapsed time of the sharded run), so
/// it differs from an unsharded run's as any two runs' timings do; <c>manifest.json</c> and <c>run.json</c> describe the
/// merge (its command line, the shards it read). The shards must be of one run (same data digest and options) and each
/// of the N must be there once: otherwise one error line naming the folder, exit code 2, and nothing written.
/// </summary>
public static class MergeCommand
{
    private static readonly Argument<string[]> Partials = new("partials") { Description = "The shards' output folders (research backtest --shard K/N --out ...).", Arity = ArgumentArity.OneOrMore };
    private static readonly Option<string> Output = new("--out") { Description = "Output folder of the merged run, replaced as a unit.", Required = true };

    public static Command Create()
    {
        var command = new Command("merge", "Combine the shards of research backtest --shard K/N into the output of one unsharded run.") { Partials, Output };
        command.SetAction(r => Run(r.GetValue(Partials)!, r.GetValue(Output)!, [.. r.Tokens.Select(t => t.Value)]));
        return command;
    }

    private sealed record Part(string Folder, JsonObject Shard, int Index, int Count);

    public static int Run(IReadOnlyList<string> folders, string outDirectory, IReadOnlyList<string> commandLine)
    {
        var clock = new RunClock();
        using var dataLog = DataFile.Track();
        if (OutputFolder.Problem(outDirectory) is { } problem) throw new UsageException("--out", outDirectory, problem);
        var outFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory));

        // every folder a complete shard of one run, each shard once
        var parts = new List<Part>();
        foreach (var folder in folders)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
            if (full == outFull) throw new UsageException("--out", outDirectory, $"is also given as a shard ({folder}); name a new folder");
            if (!Directory.Exists(full)) throw new UsageException(folder, "no such folder (give the --out folders of research backtest --shard K/N)");
            try
            {
                OutputFolder.Verify(full);
            }
            catch (InvalidDataException e)
            {
                throw new UsageException(folder, $"is not a complete output folder: {e.Message}");
            }
            var shardPath = Path.Combine(folder, ShardFile.FileName);
            if (!File.Exists(shardPath)) throw new UsageException(folder, $"is not a shard (no {ShardFile.FileName}): merge combines the output folders of research backtest --shard K/N");
            var json = JsonNode.Parse(File.ReadAllText(shardPath))!.AsObject();
            var part = new Part(folder, json, json["shard"]!.GetValue<int>(), json["shards"]!.GetValue<int>());
            if (parts.Count > 0)
            {
                var first = parts[0];
                if (part.Count != first.Count)
                    throw new UsageException(shardPath, $"shard {part.Index}/{part.Count} is one of {part.Count} shards, {first.Folder} holds shard {first.Index}/{first.Count}: give the shards of one split");
                if (Id(part) != Id(first))
                    throw new UsageException(shardPath, $"shard {part.Index}/{part.Count} belongs to run {Id(part)} (data sha256 {Text(part, "data_sha256")[..12]}..., options {Text(part, "options")}), "
                        + $"{first.Folder} to run {Id(first)} (data sha256 {Text(first, "data_sha256")[..12]}..., options {Text(first, "options")}): merge the shards of one run");
                if (parts.FirstOrDefault(p => p.Index == part.Index) is { } twice)
                    throw new UsageException(folder, $"shard {part.Index}/{part.Count} is given twice (also {twice.Folder})");
            }
            parts.Add(part);
        }
        var n = parts[0].Count;
        var missing = Enumerable.Range(0, n).Where(k => parts.All(p => p.Index != k)).ToArray();
        if (missing.Length > 0)
            throw new UsageException("partials", string.Join(" ", folders), $"shard{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing.Select(k => $"{k}/{n}"))} missing: merge needs each of the {n} shards once");
        parts.Sort((a, b) => a.Index.CompareTo(b.Index));

        // the series' places in the whole panel
        var seriesIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in parts)
            foreach (var (id, index) in p.Shard["series"]!.AsObject())
                seriesIndex[id] = index!.GetValue<int>();
        var total = parts[0].Shard["series_total"]!.GetValue<int>();
        if (seriesIndex.Count != total)
            throw new UsageException("partials", string.Join(" ", folders), $"the shards hold {seriesIndex.Count} series, the run has {total}: they were not split by the same assignment");
        clock.Lap("check");

        // the merged table, failures, metrics
        var frequency = BacktestCommand.ParseFrequency(Text(parts[0], "frequency"));
        var tables = parts.Select(p => ForecastTable.ReadCsv(Path.Combine(p.Folder, "forecasts.csv.gz"), frequency)).ToArray();
        var table = ForecastTable.Merge(tables, seriesIndex);
        var models = parts[0].Shard["models"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray();
        var failures = Shards.MergeFailures(parts.SelectMany(p => p.Shard["failures"]!.AsArray().Select(f => new ModelFailure(
            f!["model"]!.GetValue<string>(), f["series"]!.GetValue<string>(), f["round"]!.GetValue<int>(), f["fallback"]!.GetValue<string>(), f["message"]!.GetValue<string>()))),
            models, seriesIndex);
        var regressors = parts[0].Shard["regressors"]!.AsObject().ToDictionary(kv => kv.Key,
            kv => (IReadOnlyList<string>)[.. kv.Value!.AsArray().Select(x => x!.GetValue<string>())], StringComparer.Ordinal);
        var metrics = parts[0].Shard["metrics"]!.DeepClone().AsObject();
        var cutoffs = metrics["protocol"]!["cutoffs"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        metrics["models"] = BacktestReport.Models(table, failures, regressors);
        metrics["failures"]!["count"] = failures.Count;
        clock.Lap("merge");

        var runId = Id(parts[0]);
        using var output = OutputFolder.Begin(outDirectory, runId);
        output.WriteText("metrics.json", metrics.ToJsonString(BacktestReport.Json) + "\n");
        output.WriteText("timings.json", Timings(parts, runId, models));
        output.WriteText(BacktestReport.FailuresFile, BacktestReport.FailuresCsv(failures, r => cutoffs[r - 1]));
        output.Write("forecasts.csv.gz", table.WriteCsv(gzip: true));
        var details = new JsonObject
        {
            ["data_sha256"] = Text(parts[0], "data_sha256"),
            ["shards"] = new JsonArray([.. parts.Select(p => (JsonNode)new JsonObject
            {
                ["shard"] = $"{p.Index}/{p.Count}",
                ["folder"] = Path.GetFullPath(p.Folder),
                ["run_id"] = Text(p, OutputFolder.RunIdKey),
                ["series"] = p.Shard["series"]!.AsObject().Count,
                ["manifest"] = File.Exists(Path.Combine(p.Folder, RunManifest.FileName)) ? JsonNode.Parse(File.ReadAllText(Path.Combine(p.Folder, RunManifest.FileName))) : null,
            })]),
        };
        Manifests.Write(output, "research merge", commandLine, clock, new Dictionary<string, long>(), dataLog, details: details);
        output.Commit(new JsonObject
        {
            ["command"] = "research merge",
            ["arguments"] = new JsonArray([.. commandLine.Select(t => JsonValue.Create(t))]),
            ["data_sha256"] = Text(parts[0], "data_sha256"),
        });

        Terminal.Line($"merged {n} shard{(n == 1 ? "" : "s")} of run {runId}: {total} series, {table.Count} evaluated rows, {failures.Count} fallbacks");
        foreach (var s in table.Overall())
            Terminal.Line(string.Create(CultureInfo.InvariantCulture, $"  {s.Model}: MAPE {s.Metrics.Mape:F2}%, MASE {s.Mase:F3}"));
        Terminal.Line($"wrote {output.Target} (metrics.json, timings.json, forecasts.csv.gz, failures.csv, manifest.json, run.json)");
        return ExitCodes.Success;
    }

    private static string Id(Part p) => Text(p, "full_run_id");

    private static string Text(Part p, string key) => p.Shard[key]!.GetValue<string>();

    // each model's seconds added over the shards
    private static string Timings(IReadOnlyList<Part> parts, string runId, IReadOnlyList<string> models)
    {
        var sums = models.ToDictionary(m => m, _ => new double[3], StringComparer.Ordinal);
        var parallelism = new JsonArray();
        foreach (var p in parts)
        {
            var t = JsonNode.Parse(File.ReadAllText(Path.Combine(p.Folder, "timings.json")))!;
            parallelism.Add(t["parallelism"]!.GetValue<int>());
            foreach (var m in models)
            {
                var x = t["models"]![m]!;
                sums[m][0] += x["seconds"]!.GetValue<double>();
                sums[m][1] += x["fit_seconds"]!.GetValue<double>();
                sums[m][2] += x["forecast_seconds"]!.GetValue<double>();
            }
        }
        var o = new JsonObject
        {
            [OutputFolder.RunIdKey] = runId,
            ["combined"] = "each model's seconds added over the shards (work done; the shards ran as separate processes, so this is not the elapsed time)",
            ["shards"] = parts.Count,
            ["parallelism"] = parallelism,
            ["models"] = new JsonObject(models.Select(m => new KeyValuePair<string, JsonNode?>(m, new JsonObject
            {
                ["seconds"] = Math.Round(sums[m][0], 3),
                ["fit_seconds"] = Math.Round(sums[m][1], 3),
                ["forecast_seconds"] = Math.Round(sums[m][2], 3),
            }))),
        };
        return o.ToJsonString(BacktestReport.Json) + "\n";
    }
}
