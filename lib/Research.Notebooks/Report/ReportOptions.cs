namespace Research.Notebooks.Report;

/// <summary>What <see cref="ReportBuilder"/> turns into a static site.</summary>
public sealed record ReportOptions
{
    /// <summary>Executed notebooks (<c>*.ipynb</c> files or folders of them), e.g. <c>artifacts/notebooks</c>.</summary>
    public required IReadOnlyList<string> Notebooks { get; init; }

    /// <summary>Folder of named results (<c>results/full</c>); each notebook's table on the index comes from here, else from the notebook's metadata.</summary>
    public string? ResultsDirectory { get; init; }

    /// <summary>The site's folder, replaced as a whole (written beside it, then swapped in).</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "report");

    /// <summary>plotly.js to bundle (from the npm registry: <c>npm ci</c> installs <c>plotly.js-dist-min</c>); null: SVG only.</summary>
    public string? PlotlyScript { get; init; }

    /// <summary>The site's title.</summary>
    public string Title { get; init; } = "Retail sales forecasting: experiments";
}
