namespace Research.Forecasting.Charts;

/// <summary>How bars (and histograms) that share a position are arranged (Plotly's <c>layout.barmode</c>).</summary>
public enum BarMode
{
    /// <summary>Side by side.</summary>
    Group,
    /// <summary>On top of each other, each trace starting where the previous one ended.</summary>
    Stack,
    /// <summary>Drawn over each other, semi-transparent.</summary>
    Overlay,
}
