using Research.Forecasting.Charts;

namespace Research.Forecasting.Display;

/// <summary>
/// Formatters of <see cref="Figure"/>: Plotly JSON, SVG, an HTML fragment (SVG, upgraded to the interactive chart where
/// plotly.js is on the page) and a one-line text. The kernel formats each MIME type separately; the figure is laid out
/// once (<see cref="Figure.Render"/> caches per figure).
/// </summary>
public sealed class FigureFormatterSource
{
    public IEnumerable<TextFormatter> CreateTypeFormatters() =>
    [
        new(MimeTypes.Plotly, v => ((Figure)v).Render().PlotlyJson),
        new(MimeTypes.Svg, v => ((Figure)v).Render().Svg),
        new(MimeTypes.Html, v => ((Figure)v).Render().Html),
        new(MimeTypes.PlainText, v => v.ToString() ?? ""),
    ];
}
