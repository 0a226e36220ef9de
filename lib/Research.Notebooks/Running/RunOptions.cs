using System.Text.Json.Nodes;

namespace Research.Notebooks.Running;

/// <summary>How <see cref="NotebookRunner"/> runs notebooks.</summary>
public sealed record RunOptions
{
    /// <summary>Notebook files, or folders whose <c>*.ipynb</c> are all run (in name order).</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>How to start the kernel host (default: <c>dotnet research-kernel.dll</c> built beside this program).</summary>
    public (string File, IReadOnlyList<string> Prefix)? KernelHost { get; init; }

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

    /// <summary>
    /// Where <c>&lt;notebook&gt;.json</c> results go. Default <c>results/&lt;profile&gt;</c>, the committed results; with
    /// <see cref="Parameters"/> overrides <c>artifacts/results/&lt;profile&gt;-params</c>, so an ad-hoc run never rewrites
    /// what is committed.
    /// </summary>
    public string? ResultsDirectory { get; init; }

    public int Jobs { get; init; } = 1;

    /// <summary>Longest time the kernel host may take to start (not counted against any cell).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Longest time the notebook's cells may take together, counted from the kernel being ready.</summary>
    public TimeSpan NotebookTimeout { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>The results folder these options write to (see <see cref="ResultsDirectory"/>).</summary>
    public string EffectiveResultsDirectory =>
        ResultsDirectory ?? (Parameters.Count > 0 ? Path.Combine("artifacts", "results", Profile + "-params") : Path.Combine("results", Profile));
}

/// <summary>What happened to one notebook.</summary>
/// <param name="Notebook">The notebook's file name without extension.</param>
/// <param name="CodeCells">Code cells, including an injected parameters cell.</param>
/// <param name="CellsRun">Code cells that ran.</param>
/// <param name="Failures">Cells that failed (0 or 1: a notebook stops at its first failure).</param>
/// <param name="Seconds">Wall seconds for the whole notebook, kernel start-up included.</param>
/// <param name="Status">One of <see cref="NotebookStatus"/>.</param>
/// <param name="Output">The executed notebook written.</param>
/// <param name="ResultsFile">The named results written (only for a successful run).</param>
/// <param name="Message">Why the run failed, when it did not fail in a cell.</param>
/// <param name="KernelSeconds">Wall seconds until the kernel was ready (null when it never was).</param>
/// <param name="DataFiles">The data files the library opened in the notebook's process (full paths), for the run's manifest.</param>
public sealed record NotebookRunSummary(
    string Notebook, int CodeCells, int CellsRun, int Failures, double Seconds, string Status, string? Output, string? ResultsFile, string? Message,
    double? KernelSeconds = null, IReadOnlyList<string>? DataFiles = null)
{
    public bool Ok => Failures == 0 && Status == NotebookStatus.Ok;
}

/// <summary>The statuses of a notebook run.</summary>
public static class NotebookStatus
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Timeout = "timeout";
    public const string Crashed = "crashed";
    public const string Invalid = "invalid";
}
