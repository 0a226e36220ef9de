using System.Text;
using System.Text.Json.Nodes;
using Research.Notebooks.Model;

namespace Research.Notebooks.Execution;

/// <summary>
/// The outputs of one cell, in the order they happened, as nbformat output objects: consecutive writes to the
/// same stream merge into one <c>stream</c> output; displays, results and errors each add their own.
/// </summary>
public sealed class CellOutputs
{
    private readonly List<JsonObject> _outputs = [];
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

    public void Display(IReadOnlyDictionary<string, object> bundle)
    {
        lock (_gate) _outputs.Add(new JsonObject { ["data"] = Data(bundle), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" });
    }

    public void Result(IReadOnlyDictionary<string, object> bundle, int executionCount)
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

    private static JsonObject Data(IReadOnlyDictionary<string, object> bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in bundle)
        {
            data[mime] = content switch
            {
                JsonNode node => node.DeepClone(),
                string s when mime.EndsWith("json", StringComparison.Ordinal) => JsonNode.Parse(s),
                string s => NotebookCell.ToSourceLines(s),
                _ => NotebookCell.ToSourceLines(content.ToString() ?? ""),
            };
        }
        return data;
    }
}

/// <summary>A <see cref="TextWriter"/> that appends to one stream of the current cell's outputs.</summary>
internal sealed class CellStreamWriter(string stream) : TextWriter
{
    public CellOutputs? Target { get; set; }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Target?.Write(stream, value.ToString());

    public override void Write(string? value) => Target?.Write(stream, value ?? "");

    public override void Write(char[] buffer, int index, int count) => Target?.Write(stream, new string(buffer, index, count));

    public override void WriteLine(string? value) => Target?.Write(stream, (value ?? "") + "\n");
}
