namespace Research.Forecasting.Charts;

/// <summary>Line dash style (Plotly's <c>line.dash</c>).</summary>
public enum LineDash
{
    Solid,
    Dash,
    Dot,
    DashDot,
}
