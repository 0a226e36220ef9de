using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Research.Notebooks.Model;

/// <summary>
/// A Jupyter notebook (nbformat 4) held as its JSON tree, so anything this code does not know about
/// (metadata of VS Code, Polyglot, Jupyter extensions) is kept and written back unchanged.
/// </summary>
public sealed class Notebook
{
    private Notebook(string path, JsonObject root)
    {
        Path = path;
        Root = root;
        if (root["cells"] is not JsonArray cells)
            throw new FormatException($"{path}: a notebook needs a \"cells\" array");
        if (root["nbformat"]?.GetValue<int>() is not 4)
            throw new FormatException($"{path}: only nbformat 4 notebooks are supported");
        Cells = cells.Select((c, i) => new NotebookCell(c as JsonObject ?? throw new FormatException($"{path}: cell {i + 1} is not an object"), i)).ToList();
    }

    /// <summary>Where the notebook was read from.</summary>
    public string Path { get; }

    public JsonObject Root { get; }

    public IReadOnlyList<NotebookCell> Cells { get; private set; }

    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    /// <summary>The notebook's default kernel language, from any of the three metadata shapes in use.</summary>
    public string DefaultLanguage =>
        KernelLanguage.Normalize(
            Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
            ?? Metadata["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
            ?? Metadata["kernelspec"]?["language"]?.GetValue<string>()
            ?? Metadata["kernelspec"]?["name"]?.GetValue<string>()
            ?? "csharp");

    public static Notebook Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    public static Notebook Parse(string json, string path = "notebook.ipynb") => new(path, JupyterJson.Parse(json, path));

    /// <summary>The notebook as VS Code writes it.</summary>
    public string ToJson() => JupyterJson.Write(Root);

    /// <summary>A deep copy (the executor writes outputs into a copy, never into the source).</summary>
    public Notebook Clone(string? path = null) => new(path ?? Path, (JsonObject)Root.DeepClone());

    /// <summary>
    /// Gives every cell without a valid, unique id an 8-hex id derived from the notebook path, the cell's position
    /// and source (deterministic, unlike VS Code's random ones). Existing valid ids are kept. Returns how many changed.
    /// </summary>
    public int EnsureCellIds()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = 0;
        foreach (var cell in Cells)
        {
            var id = cell.Id;
            if (id is not null && NotebookCell.IsValidId(id) && seen.Add(id)) continue;
            var salt = 0;
            string candidate;
            do
            {
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{System.IO.Path.GetFileName(Path)}\n{cell.Index}\n{salt++}\n{cell.Source}"));
                candidate = Convert.ToHexStringLower(hash)[..8];
            }
            while (!seen.Add(candidate));
            cell.Id = candidate;
            changed++;
        }
        if (changed > 0 && (Root["nbformat_minor"]?.GetValue<int>() ?? 0) < 5) Root["nbformat_minor"] = 5;
        return changed;
    }

    /// <summary>Inserts a code cell after position <paramref name="after"/> (-1 = at the top).</summary>
    public NotebookCell InsertCodeCell(int after, string source, IEnumerable<string> tags)
    {
        var node = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = NotebookCell.ToSourceLines(source),
        };
        var cells = (JsonArray)Root["cells"]!;
        cells.Insert(after + 1, node);
        Cells = cells.Select((c, i) => new NotebookCell((JsonObject)c!, i)).ToList();
        EnsureCellIds();
        return Cells[after + 1];
    }
}

/// <summary>Kernel language names as notebooks spell them.</summary>
public static class KernelLanguage
{
    public const string CSharp = "csharp";

    public static string Normalize(string name) => name.Trim().ToLowerInvariant() switch
    {
        "csharp" or "c#" or ".net-csharp" or "cs" => CSharp,
        "fsharp" or "f#" or ".net-fsharp" => "fsharp",
        "pwsh" or "powershell" or ".net-pwsh" => "pwsh",
        var other => other,
    };
}
