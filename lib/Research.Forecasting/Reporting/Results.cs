using System.Globalization;
using System.Text.Json;

namespace Research.Forecasting.Reporting;

/// <summary>A named result of a notebook, with the tolerance within which a rerun must reproduce it.</summary>
/// <param name="Name">Dotted name, e.g. <c>oj.mape.arima</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="Tolerance">Largest acceptable absolute difference on a rerun (0 = exact).</param>
public sealed record NamedResult(string Name, double Value, double Tolerance);

/// <summary>
/// Named results of a notebook (the scrapbook pattern of papermill): <c>Results.Record("oj.mape.arima", mape, tolerance: 0.5)</c>.
/// The headless runner collects them into <c>results/&lt;profile&gt;/&lt;notebook&gt;.json</c> and CI checks a rerun stays
/// within each tolerance. In VS Code they are kept in memory and can be listed with <see cref="All"/>.
/// </summary>
public static class Results
{
    /// <summary>Set by the notebook runner: the file (JSON lines) that receives every recorded result.</summary>
    public const string FileVariable = Research.Contracts.NotebookEnvironment.ResultsFile;

    private static readonly Dictionary<string, NamedResult> Recorded = new(StringComparer.Ordinal);
    private static readonly object Gate = new();

    /// <summary>Records a named result and returns the value. Recording a name again replaces it.</summary>
    public static double Record(string name, double value, double tolerance = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(value)) throw new ArgumentException($"result '{name}' is {value}; results must be finite", nameof(value));
        if (!(tolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "a tolerance is a non-negative absolute difference");
        var result = new NamedResult(name, value, tolerance);
        lock (Gate)
        {
            Recorded[name] = result;
            if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } file)
            {
                var line = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["name"] = name,
                    ["value"] = value,
                    ["tolerance"] = tolerance,
                });
                File.AppendAllText(file, line + "\n");
            }
        }
        return value;
    }

    /// <summary>Every result recorded in this process, by name.</summary>
    public static IReadOnlyList<NamedResult> All
    {
        get
        {
            lock (Gate) return Recorded.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>A result as written in results files: shortest round-trip, invariant.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
