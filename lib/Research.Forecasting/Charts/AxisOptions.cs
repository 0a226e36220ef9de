namespace Research.Forecasting.Charts;

/// <summary>Settings of one axis of a panel.</summary>
public sealed record AxisOptions
{
    public static AxisOptions Default { get; } = new();

    /// <summary>Axis title (Plotly <c>xaxis.title.text</c>).</summary>
    public string? Title { get; init; }

    /// <summary>Fixed lower end of a numeric axis (with <see cref="Max"/>); null lets the axis fit the data.</summary>
    public double? Min { get; init; }

    /// <summary>Fixed upper end of a numeric axis (with <see cref="Min"/>).</summary>
    public double? Max { get; init; }

    /// <summary>Values increase downwards (vertical) or leftwards (horizontal) (Plotly <c>autorange: "reversed"</c>).</summary>
    public bool Reversed { get; init; }

    internal bool HasRange => Min is not null && Max is not null;
}
