using System.Text;
using System.Text.Json.Nodes;
using Research.Notebooks.Model;

namespace Research.Notebooks.Tests.Support;

/// <summary>Builds small notebooks in a temp folder.</summary>
public sealed class TestNotebook : IDisposable
{
    public TestNotebook() => Directory = System.IO.Directory.CreateTempSubdirectory("research-nb-tests-").FullName;

    public string Directory { get; }

    /// <summary>Writes a notebook whose code cells are <paramref name="cells"/> (a cell starting with "## " is markdown; "params:" marks the parameters cell).</summary>
    public string Write(string name, params string[] cells)
    {
        var array = new JsonArray();
        foreach (var c in cells)
        {
            if (c.StartsWith("## ", StringComparison.Ordinal))
            {
                array.Add(new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = NotebookCell.ToSourceLines(c) });
                continue;
            }
            var isParams = c.StartsWith("params:", StringComparison.Ordinal);
            var source = isParams ? c["params:".Length..] : c;
            var metadata = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } };
            if (isParams) metadata["tags"] = new JsonArray("parameters");
            array.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = metadata,
                ["outputs"] = new JsonArray(),
                ["source"] = NotebookCell.ToSourceLines(source),
            });
        }
        var root = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var notebook = Notebook.Parse(root.ToJsonString(), name);
        notebook.EnsureCellIds();
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, notebook.ToJson(), new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
