using System.Text.Json.Nodes;

namespace Research.Notebooks.Running;

/// <summary>How <see cref="NotebookRunner"/> runs notebooks.</summary>
public sealed record RunOptions
{
    /// <summary>Notebook files, or folders whose <c>*.ipynb</c> are all run (in name order).</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>How to start a child process that runs <c>notebooks child &lt;path&gt; --base-dir &lt;dir&gt;</c>.</summary>
    public required (string File, IReadOnlyList<string> Prefix) ChildCommand { get; init; }

    /// <summary>Profile name (<c>ci</c>, <c>full</c>); <c>full</c> uses the notebooks' own defaults.</summary>
    public string Profile { get; init; } = "full";

    /// <summary>Folder of profile files (default: <c>profiles/</c> next to the first notebook).</summary>
    public string? ProfilesDirectory { get; init; }

    /// <summary>Overrides from the command line, applied after the profile.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Where executed notebooks go (ignored with <see cref="InPlace"/>).</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "notebooks");

    /// <summary>Write executed notebooks over their sources (atomically).</summary>
    public bool InPlace { get; init; }

    /// <summary>Where <c>&lt;notebook&gt;.json</c> results go; default <c>results/&lt;profile&gt;</c> under the current folder.</summary>
    public string? ResultsDirectory { get; init; }

    public int Jobs { get; init; } = 1;

    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan NotebookTimeout { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>What happened to one notebook.</summary>
public sealed record NotebookRunSummary(
    string Notebook, int CodeCells, int CellsRun, int Failures, double Seconds, string Status, string? Output, string? ResultsFile, string? Message)
{
    public bool Ok => Failures == 0 && Status == "ok";
}
