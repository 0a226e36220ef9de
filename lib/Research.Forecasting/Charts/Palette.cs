namespace Research.Forecasting.Charts;

/// <summary>Trace colours used when a trace has none.</summary>
public static class Palette
{
    /// <summary>plotly.js's default <c>layout.colorway</c> (D3's category10).</summary>
    public static IReadOnlyList<string> Default { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>Colour number <paramref name="index"/>, cycling through <see cref="Default"/>.</summary>
    public static string At(int index) => Default[index % Default.Count];
}
