using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Research.Forecasting.IO;
using Research.Notebooks.Running;

namespace Research.Cli.Commands;

/// <summary>
/// The <c>manifest.json</c> of a <c>research notebooks run</c> (<see cref="RunManifest"/>), beside the executed notebooks
/// (kept out of <c>results/</c>, whose files stay byte-identical from run to run): the data files each notebook's process
/// opened with their SHA-256, the seeds in the notebooks' parameters cells, each notebook's status, seconds and results
/// file (with its SHA-256).
/// </summary>
public static partial class NotebookManifest
{
    [GeneratedRegex(@"^\s*var\s+(\w*[Ss]eed\w*)\s*=\s*(-?\d+)\s*;", RegexOptions.Multiline)]
    private static partial Regex SeedLine();

    /// <summary>Writes the manifest and returns its path.</summary>
    public static string Write(RunOptions options, IReadOnlyList<NotebookRunSummary> summaries, RunClock clock, IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(clock);
        var seeds = new Dictionary<string, long>(StringComparer.Ordinal);
        var notebooks = new JsonArray();
        foreach (var s in summaries)
        {
            foreach (var (name, value) in Seeds(s.Output)) seeds[$"{s.Notebook}.{name}"] = value;
            notebooks.Add(new JsonObject
            {
                ["notebook"] = s.Notebook,
                ["status"] = s.Status,
                ["seconds"] = Math.Round(s.Seconds, 3),
                ["kernel_start_seconds"] = s.KernelSeconds is { } k ? Math.Round(k, 3) : null,
                ["executed"] = s.Output is null ? null : Path.GetFullPath(s.Output),
                ["results_file"] = s.ResultsFile is null ? null : Path.GetFullPath(s.ResultsFile),
                ["results_sha256"] = s.ResultsFile is not null && File.Exists(s.ResultsFile) ? RunId.FileSha256(s.ResultsFile) : null,
                ["data"] = new JsonArray([.. (s.DataFiles ?? []).Select(f => JsonValue.Create(f))]),
            });
        }
        // each notebook's wall seconds (notebooks may run at once with --jobs), and the whole run's
        var durations = summaries.ToDictionary(s => $"notebook {s.Notebook}", s => s.Seconds, StringComparer.Ordinal);
        durations["total"] = clock.Seconds["total"];
        var details = new JsonObject
        {
            ["profile"] = options.Profile,
            ["parameters"] = new JsonObject(options.Parameters.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value?.DeepClone()))),
            ["notebooks"] = notebooks,
        };
        var data = summaries.SelectMany(s => s.DataFiles ?? []).Where(File.Exists).Distinct(StringComparer.Ordinal);
        var manifest = RunManifest.Capture("research notebooks run", commandLine, null, clock.StartedUtc, durations, seeds, data, details);
        var folder = options.OutputDirectory;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, RunManifest.FileName);
        Research.Forecasting.IO.AtomicFile.WriteAllText(path, manifest.ToJson());
        return path;
    }

    // var seed = 42; lines in the executed notebook's parameters cell (the values the run used)
    private static IEnumerable<(string Name, long Value)> Seeds(string? executed)
    {
        if (executed is null || !File.Exists(executed)) yield break;
        JsonNode? doc;
        try { doc = JsonNode.Parse(File.ReadAllText(executed)); }
        catch (System.Text.Json.JsonException) { yield break; }
        foreach (var cell in doc?["cells"]?.AsArray() ?? [])
        {
            var tags = cell?["metadata"]?["tags"]?.AsArray().Select(t => t?.GetValue<string>()) ?? [];
            if (!tags.Contains("parameters")) continue;
            var source = cell!["source"] is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : cell["source"]?.GetValue<string>() ?? "";
            foreach (Match m in SeedLine().Matches(source))
                yield return (m.Groups[1].Value, long.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
