namespace Research.Forecasting.Charts;

/// <summary>
/// Points joined by lines and/or drawn as markers (Plotly <c>scatter</c>). Missing (NaN) y values leave gaps.
/// With <see cref="FillToPrevious"/> the area down to the previous trace is filled (Plotly <c>fill: "tonexty"</c>),
/// which is how <see cref="Chart.Band{TX}"/> draws prediction intervals.
/// </summary>
public sealed record LineTrace : Trace
{
    public required AxisValues X { get; init; }

    public required IReadOnlyList<double> Y { get; init; }

    public LineMode Mode { get; init; } = LineMode.Lines;

    public LineDash Dash { get; init; } = LineDash.Solid;

    /// <summary>Line width in pixels; 0 hides the line (band edges).</summary>
    public double Width { get; init; } = 2;

    /// <summary>Marker diameter in pixels.</summary>
    public double MarkerSize { get; init; } = 6;

    /// <summary>Fill the area between this trace and the previous one.</summary>
    public bool FillToPrevious { get; init; }

    /// <summary>Opacity of the fill, 0..1.</summary>
    public double FillOpacity { get; init; } = 0.2;

    /// <summary>Traces with the same group toggle together in the legend (Plotly <c>legendgroup</c>).</summary>
    public string? LegendGroup { get; init; }

    /// <summary>The lower edge of a band: takes its colour from the next trace (the filled upper edge).</summary>
    internal bool IsBandEdge { get; init; }

    internal override string PlotlyType => "scatter";

    internal override AxisKind XKind => X.Kind;

    internal override bool UsesPalette => !IsBandEdge;

    internal override string KindName => FillToPrevious ? "band" : Mode == LineMode.Markers ? "scatter" : "line";
}
