using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Research.Forecasting.Display;
using Research.Forecasting.IO;

namespace Research.Forecasting.Charts;

[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = [MimeTypes.Plotly, MimeTypes.Svg, MimeTypes.Html, MimeTypes.PlainText])]
public sealed partial record Figure
{
    /// <summary>The Plotly mime type notebook front ends (VS Code, JupyterLab) render interactively.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    /// <summary>The figure as a Plotly figure object <c>{"data": [...], "layout": {...}}</c>; NaN values become null.</summary>
    public JsonObject ToPlotlyJsonNode() => PlotlyWriter.Write(new ResolvedFigure(this));

    /// <summary>The figure as compact Plotly JSON text (numbers in shortest round-trip form, '.' decimals).</summary>
    public string ToPlotlyJson() => ToPlotlyJsonNode().ToJsonString();

    /// <summary>The figure drawn as a standalone SVG 1.1 document of <see cref="Width"/> x <see cref="Height"/> pixels.</summary>
    public string ToSvg()
    {
        var resolved = new ResolvedFigure(this);
        return SvgRenderer.Render(resolved, ElementId(PlotlyWriter.Write(resolved).ToJsonString()));
    }

    /// <summary>
    /// An HTML fragment that always shows the SVG and switches to the interactive Plotly chart when plotly.js is
    /// loaded on the page (<c>window.Plotly</c>).
    /// </summary>
    public string ToHtml()
    {
        var resolved = new ResolvedFigure(this);
        var json = PlotlyWriter.Write(resolved).ToJsonString();
        var id = ElementId(json);
        return HtmlWriter.Fragment(id, SvgRenderer.Render(resolved, id), json, Width);
    }

    /// <summary>A complete HTML page of the chart; <paramref name="plotlyScript"/> is a URL or path of plotly.js to load (none by default).</summary>
    public string ToHtmlDocument(string? plotlyScript = null) => HtmlWriter.Document(Title, ToHtml(), plotlyScript);

    /// <summary>Writes <see cref="ToSvg"/> to <paramref name="path"/> (UTF-8, via a temporary file and a rename).</summary>
    public void SaveSvg(string path) => AtomicFile.WriteAllText(path, ToSvg());

    /// <summary>Writes <see cref="ToHtmlDocument"/> to <paramref name="path"/> (UTF-8, via a temporary file and a rename).</summary>
    public void SaveHtml(string path, string? plotlyScript = null) => AtomicFile.WriteAllText(path, ToHtmlDocument(plotlyScript));

    /// <summary>Writes <see cref="ToPlotlyJson"/> to <paramref name="path"/> (UTF-8, via a temporary file and a rename).</summary>
    public void SavePlotlyJson(string path) => AtomicFile.WriteAllText(path, ToPlotlyJson() + "\n");

    /// <summary>
    /// The figure laid out once and written in every display format (Plotly JSON, SVG, HTML fragment); cached per figure
    /// instance, so displaying a figure in several MIME types lays it out once.
    /// </summary>
    public FigureRendering Render() => RenderCache.GetValue(this, static f =>
    {
        var resolved = new ResolvedFigure(f);
        var json = PlotlyWriter.Write(resolved).ToJsonString();
        var id = ElementId(json);
        var svg = SvgRenderer.Render(resolved, id);
        return new FigureRendering(json, svg, HtmlWriter.Fragment(id, svg, json, f.Width));
    });

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Figure, FigureRendering> RenderCache = new();

    /// <summary>One line: title, panels, traces (kind and name) and size.</summary>
    public override string ToString()
    {
        var resolved = new ResolvedFigure(this);
        var sb = new StringBuilder("Figure");
        if (Title is not null) sb.Append(" \"").Append(Title).Append('"');
        sb.Append(": ");
        if (Panels.Count > 1) sb.Append(CultureInfo.InvariantCulture, $"{Panels.Count} panels ({Rows}x{Columns}), ");
        var traces = resolved.Traces;
        sb.Append(traces.Count).Append(traces.Count == 1 ? " trace" : " traces");
        if (traces.Count > 0)
        {
            const int shown = 6;
            sb.Append(" (").Append(string.Join(", ", traces.Where(t => t.Trace is not LineTrace { IsBandEdge: true }).Take(shown).Select(t => $"{t.Trace.KindName} \"{t.Name}\"")));
            if (traces.Count > shown) sb.Append(", ...");
            sb.Append(')');
        }
        sb.Append(CultureInfo.InvariantCulture, $", {Width}x{Height}");
        return sb.ToString();
    }

    /// <summary>A deterministic element id from the figure's JSON (FNV-1a), distinct for distinct figures on one page.</summary>
    private static string ElementId(string json)
    {
        var hash = 2166136261u;
        foreach (var c in json)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return "rfchart-" + hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
