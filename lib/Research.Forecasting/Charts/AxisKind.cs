namespace Research.Forecasting.Charts;

/// <summary>How positions along an axis are read (Plotly's <c>xaxis.type</c>).</summary>
public enum AxisKind
{
    /// <summary>Numbers (<c>"linear"</c>).</summary>
    Linear,
    /// <summary>Calendar dates and times (<c>"date"</c>), written as ISO strings.</summary>
    Date,
    /// <summary>Text labels in order of first appearance (<c>"category"</c>).</summary>
    Category,
}
