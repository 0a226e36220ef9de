using System.Text.Json;
using System.Text.Json.Nodes;

namespace Research.Notebooks.Model;

/// <summary>
/// The outputs of one cell, in the order they happened, as nbformat output objects and as VS Code saves them:
/// consecutive writes to the same stream merge into one <c>stream</c> output; displays, results and errors each add
/// their own; JSON MIME types (<c>application/json</c>, <c>application/*+json</c>) hold the JSON value, every other
/// MIME type a list of lines. A display can be updated in place by its display id (kept out of the saved JSON, as
/// Jupyter keeps it transient).
/// </summary>
public sealed class CellOutputs
{
    private readonly List<JsonObject> _outputs = [];
    private readonly Dictionary<string, JsonObject> _displays = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public void Write(string stream, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_outputs.Count > 0 && _outputs[^1]["output_type"]!.GetValue<string>() == "stream" && _outputs[^1]["name"]!.GetValue<string>() == stream)
            {
                var previous = string.Concat(((JsonArray)_outputs[^1]["text"]!).Select(l => l!.GetValue<string>()));
                _outputs[^1]["text"] = NotebookCell.ToSourceLines(previous + text);
                return;
            }
            _outputs.Add(new JsonObject
            {
                ["name"] = stream,
                ["output_type"] = "stream",
                ["text"] = NotebookCell.ToSourceLines(text),
            });
        }
    }

    /// <summary>A <c>display_data</c> output of <paramref name="bundle"/> (MIME type to formatted text).</summary>
    public void Display(IEnumerable<KeyValuePair<string, string>> bundle, string? displayId = null)
    {
        var output = new JsonObject { ["data"] = Data(bundle), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
        lock (_gate)
        {
            _outputs.Add(output);
            if (displayId is { Length: > 0 }) _displays[displayId] = output;
        }
    }

    /// <summary>Replaces the data of the display with <paramref name="displayId"/>; false when this cell has no such display.</summary>
    public bool Update(string displayId, IEnumerable<KeyValuePair<string, string>> bundle)
    {
        lock (_gate)
        {
            if (!_displays.TryGetValue(displayId, out var output)) return false;
            output["data"] = Data(bundle);
            return true;
        }
    }

    /// <summary>The <c>execute_result</c> output: the value of the cell's last expression.</summary>
    public void Result(IEnumerable<KeyValuePair<string, string>> bundle, int executionCount)
    {
        lock (_gate)
            _outputs.Add(new JsonObject { ["data"] = Data(bundle), ["execution_count"] = executionCount, ["metadata"] = new JsonObject(), ["output_type"] = "execute_result" });
    }

    public void Error(string name, string value, IEnumerable<string> traceback)
    {
        lock (_gate)
            _outputs.Add(new JsonObject
            {
                ["ename"] = name,
                ["evalue"] = value,
                ["output_type"] = "error",
                ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            });
    }

    public bool HasError
    {
        get { lock (_gate) return _outputs.Any(o => o["output_type"]!.GetValue<string>() == "error"); }
    }

    public JsonArray ToJson()
    {
        lock (_gate) return new JsonArray(_outputs.Select(o => (JsonNode)o.DeepClone()).ToArray());
    }

    /// <summary>Whether nbformat keeps values of <paramref name="mimeType"/> as JSON rather than text.</summary>
    public static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal);

    private static JsonObject Data(IEnumerable<KeyValuePair<string, string>> bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, text) in bundle)
            data[mime] = IsJsonMimeType(mime) && TryParse(text) is { } json ? json : NotebookCell.ToSourceLines(text);
        return data;
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }
}
