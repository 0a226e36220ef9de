using System.Globalization;
using System.Text.Json.Nodes;
using Research.Notebooks.Model;

namespace Research.Notebooks.Running;

/// <summary>One named result of a notebook run.</summary>
public sealed record ResultValue(double Value, double Tolerance);

/// <summary>A difference between expected and actual named results.</summary>
public sealed record ResultDrift(string Notebook, string Name, double? Expected, double? Actual, double Tolerance, string Problem);

/// <summary><c>results/&lt;profile&gt;/&lt;notebook&gt;.json</c>: named results with sorted keys and stable number format.</summary>
public static class ResultsFile
{
    /// <summary>Reads the JSON lines that <c>Results.Record</c> appended (later lines replace earlier ones of the same name).</summary>
    public static SortedDictionary<string, ResultValue> ReadRecorded(string path)
    {
        var results = new SortedDictionary<string, ResultValue>(StringComparer.Ordinal);
        if (!File.Exists(path)) return results;
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0) continue;
            var node = JsonNode.Parse(line)!;
            results[node["name"]!.GetValue<string>()] = new ResultValue(node["value"]!.GetValue<double>(), node["tolerance"]!.GetValue<double>());
        }
        return results;
    }

    /// <summary>The results file: notebook, profile, the parameters the run used (sorted) and the results (sorted).</summary>
    public static JsonObject ToJson(string notebook, string profile, IReadOnlyDictionary<string, JsonNode?> parameters, IReadOnlyDictionary<string, ResultValue> results) => new()
    {
        ["notebook"] = notebook,
        ["parameters"] = ParametersJson(parameters),
        ["profile"] = profile,
        ["results"] = new JsonObject(results.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, new JsonObject
        {
            ["tolerance"] = kv.Value.Tolerance,
            ["value"] = kv.Value.Value,
        }))),
    };

    public static void Write(string path, string notebook, string profile, IReadOnlyDictionary<string, JsonNode?> parameters, IReadOnlyDictionary<string, ResultValue> results) =>
        AtomicFile.WriteAllText(path, JupyterJson.Write(ToJson(notebook, profile, parameters, results)));

    /// <summary>Parameters as a JSON object with sorted names.</summary>
    public static JsonObject ParametersJson(IReadOnlyDictionary<string, JsonNode?> parameters) =>
        new(parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value?.DeepClone())));

    public static SortedDictionary<string, ResultValue> Read(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new FormatException($"{path}: empty");
        var results = new SortedDictionary<string, ResultValue>(StringComparer.Ordinal);
        foreach (var (name, value) in root["results"]!.AsObject())
            results[name] = new ResultValue(value!["value"]!.GetValue<double>(), value["tolerance"]!.GetValue<double>());
        return results;
    }

    /// <summary>
    /// Compares every expected results file with the actual one of the same name: a missing file or result, a new
    /// result not committed yet, or a value further from the expected one than the expected tolerance is a drift.
    /// </summary>
    public static IReadOnlyList<ResultDrift> Compare(string expectedDirectory, string actualDirectory)
    {
        var drifts = new List<ResultDrift>();
        var expectedFiles = Directory.Exists(expectedDirectory) ? Directory.GetFiles(expectedDirectory, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
        var actualFiles = Directory.Exists(actualDirectory) ? Directory.GetFiles(actualDirectory, "*.json").Order(StringComparer.Ordinal).ToArray() : [];
        foreach (var file in expectedFiles)
        {
            var notebook = Path.GetFileNameWithoutExtension(file);
            var actualPath = Path.Combine(actualDirectory, Path.GetFileName(file));
            if (!File.Exists(actualPath))
            {
                drifts.Add(new ResultDrift(notebook, "*", null, null, 0, $"no results at {actualPath} (did the notebook run?)"));
                continue;
            }
            var expected = Read(file);
            var actual = Read(actualPath);
            foreach (var (name, e) in expected)
            {
                if (!actual.TryGetValue(name, out var a))
                    drifts.Add(new ResultDrift(notebook, name, e.Value, null, e.Tolerance, "missing in the new run"));
                else if (!(Math.Abs(a.Value - e.Value) <= e.Tolerance))
                    drifts.Add(new ResultDrift(notebook, name, e.Value, a.Value, e.Tolerance,
                        $"|{Fmt(a.Value)} - {Fmt(e.Value)}| = {Fmt(Math.Abs(a.Value - e.Value))} exceeds the tolerance {Fmt(e.Tolerance)}"));
            }
            foreach (var name in actual.Keys.Except(expected.Keys))
                drifts.Add(new ResultDrift(notebook, name, null, actual[name].Value, actual[name].Tolerance, "new result, not in the committed file (commit it)"));
        }
        foreach (var file in actualFiles.Where(f => !expectedFiles.Any(e => Path.GetFileName(e) == Path.GetFileName(f))))
            drifts.Add(new ResultDrift(Path.GetFileNameWithoutExtension(file), "*", null, null, 0, $"no committed results file {Path.Combine(expectedDirectory, Path.GetFileName(file))} (commit it)"));
        return drifts;
    }

    private static string Fmt(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
