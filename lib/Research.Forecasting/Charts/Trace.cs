namespace Research.Forecasting.Charts;

/// <summary>One data series of a figure (a Plotly trace). Immutable; change with <c>with</c> expressions.</summary>
public abstract record Trace
{
    /// <summary>Legend text; null gives Plotly's default <c>trace N</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Any CSS colour (<c>#1f77b4</c>, <c>rgb(31,119,180)</c>, <c>red</c>); null takes the next colour of <see cref="Palette.Default"/>.</summary>
    public string? Color { get; init; }

    /// <summary>Whether the trace gets a legend entry (when the figure shows a legend).</summary>
    public bool ShowInLegend { get; init; } = true;

    /// <summary>Plotly's trace type.</summary>
    internal abstract string PlotlyType { get; }

    /// <summary>Kind of the horizontal axis this trace needs.</summary>
    internal abstract AxisKind XKind { get; }

    /// <summary>Kind of the vertical axis this trace needs.</summary>
    internal virtual AxisKind YKind => AxisKind.Linear;

    /// <summary>Whether the trace takes a colour from the palette.</summary>
    internal virtual bool UsesPalette => true;

    /// <summary>Short kind name for descriptions.</summary>
    internal abstract string KindName { get; }
}
