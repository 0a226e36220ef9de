using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Research.Notebooks.Model;

/// <summary>One cell of a <see cref="Notebook"/>: a view over its JSON object.</summary>
public sealed partial class NotebookCell
{
    internal NotebookCell(JsonObject node, int index)
    {
        Node = node;
        Index = index;
    }

    public JsonObject Node { get; }

    /// <summary>Position in the notebook (0-based).</summary>
    public int Index { get; }

    public string CellType => Node["cell_type"]?.GetValue<string>() ?? "";

    public bool IsCode => CellType == "code";

    public string? Id
    {
        get => Node["id"]?.GetValue<string>();
        set => Node["id"] = value;
    }

    /// <summary>The source as one string (nbformat allows a string or a list of lines).</summary>
    public string Source => Node["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    public JsonObject Metadata => Node["metadata"] as JsonObject ?? (JsonObject)(Node["metadata"] = new JsonObject());

    public IReadOnlyList<string> Tags => Metadata["tags"] is JsonArray tags ? tags.Select(t => t!.GetValue<string>()).ToArray() : [];

    /// <summary>The cell's kernel language, or null to use the notebook's default.</summary>
    public string? Language
    {
        get
        {
            var name = Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
                       ?? Metadata["dotnet_interactive"]?["language"]?.GetValue<string>();
            return name is null ? null : KernelLanguage.Normalize(name);
        }
    }

    public void SetOutputs(JsonArray outputs, int? executionCount)
    {
        Node["outputs"] = outputs;
        Node["execution_count"] = executionCount;
    }

    /// <summary>nbformat: 1-64 letters, digits, '-' or '_'.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>Splits text into nbformat's list of lines, each keeping its '\n'.</summary>
    public static JsonArray ToSourceLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
