namespace Research.Forecasting.Charts;

/// <summary>
/// A matrix of coloured cells (Plotly <c>heatmap</c>): <see cref="Z"/>[row][column], rows along <see cref="Y"/>
/// and columns along <see cref="X"/>. NaN cells are left empty. Colours map <see cref="ZMin"/>..<see cref="ZMax"/>
/// onto <see cref="ColorScale"/>.
/// </summary>
public sealed record HeatmapTrace : Trace
{
    public required IReadOnlyList<IReadOnlyList<double>> Z { get; init; }

    /// <summary>Column positions (numbers, dates or categories), one per column.</summary>
    public required AxisValues X { get; init; }

    /// <summary>Row labels, one per row.</summary>
    public required IReadOnlyList<string> Y { get; init; }

    public ColorScale ColorScale { get; init; } = ColorScale.Viridis;

    public required double ZMin { get; init; }

    public required double ZMax { get; init; }

    /// <summary>Draw a colour bar next to the panel.</summary>
    public bool ShowScale { get; init; } = true;

    public string? ColorBarTitle { get; init; }

    internal override string PlotlyType => "heatmap";

    internal override AxisKind XKind => X.Kind;

    internal override AxisKind YKind => AxisKind.Category;

    internal override bool UsesPalette => false;

    internal override string KindName => "heatmap";
}
