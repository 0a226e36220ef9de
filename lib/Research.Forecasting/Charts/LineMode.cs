namespace Research.Forecasting.Charts;

/// <summary>What a scatter trace draws (Plotly's <c>mode</c>).</summary>
public enum LineMode
{
    /// <summary>Connected lines; missing (NaN) values leave gaps.</summary>
    Lines,
    /// <summary>One marker per point.</summary>
    Markers,
    /// <summary>Lines with a marker on every point.</summary>
    LinesAndMarkers,
}
