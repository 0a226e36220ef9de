namespace Research.Forecasting.Charts;

/// <summary>A figure written in its display formats.</summary>
/// <param name="PlotlyJson">The Plotly figure object <c>{"data": [...], "layout": {...}}</c> as compact JSON.</param>
/// <param name="Svg">A standalone SVG document.</param>
/// <param name="Html">An HTML fragment showing the SVG, switched to the interactive chart where plotly.js is loaded.</param>
public sealed record FigureRendering(string PlotlyJson, string Svg, string Html);
