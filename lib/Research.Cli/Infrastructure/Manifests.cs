using System.Text.Json.Nodes;
using Research.Forecasting.Data;
using Research.Forecasting.IO;

namespace Research.Cli.Infrastructure;

/// <summary>Writes a run's <c>manifest.json</c> (<see cref="RunManifest"/>) into its output folder, beside <c>metrics.json</c>.</summary>
public static class Manifests
{
    /// <summary>Ends the clock's current part as <paramref name="lastPart"/> and writes the manifest of the run into <paramref name="output"/>.</summary>
    public static RunManifest Write(OutputFolder output, string command, IEnumerable<string> arguments, RunClock clock, IReadOnlyDictionary<string, long> seeds,
        DataFileLog data, string lastPart = "write", JsonObject? details = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(data);
        clock.Lap(lastPart);
        var manifest = RunManifest.Capture(command, arguments, output.RunId, clock.StartedUtc, clock.Seconds, seeds, data.Files, details);
        output.WriteText(RunManifest.FileName, manifest.ToJson());
        return manifest;
    }
}
