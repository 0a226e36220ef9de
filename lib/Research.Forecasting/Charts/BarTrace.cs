namespace Research.Forecasting.Charts;

/// <summary>Vertical bars, one per x value (Plotly <c>bar</c>); several bar traces are grouped or stacked by <see cref="BarMode"/>.</summary>
public sealed record BarTrace : Trace
{
    public required AxisValues X { get; init; }

    public required IReadOnlyList<double> Y { get; init; }

    /// <summary>Opacity of the bars, 0..1; null: 1, or 0.6 when bars overlay.</summary>
    public double? Opacity { get; init; }

    internal override string PlotlyType => "bar";

    internal override AxisKind XKind => X.Kind;

    internal override string KindName => "bar";
}
