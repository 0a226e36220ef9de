using System.Globalization;
using System.Text;

namespace Research.Forecasting.Charts;

/// <summary>
/// Draws a figure as a standalone SVG 1.1 document: title, panels in a grid (each with gridlines, axes, tick labels,
/// axis titles and an optional colour bar), and a legend on the right. Text is <c>&lt;text&gt;</c> in sans-serif;
/// no external resources. Layout depends only on the figure, so the output is byte-identical for equal figures.
/// </summary>
internal sealed class SvgRenderer
{
    public const double TickFont = 11;
    private const double AxisFont = 12;
    private const double PanelTitleFont = 13;
    private const double TitleFont = 16;
    private const double LegendFont = 12;
    private const double TickLength = 5;
    private const double CellGapX = 18;
    private const double CellGapY = 14;
    private const string TextColor = "#2a2a2a";
    private const string TickColor = "#555555";
    private const string GridColor = "#e6e6e6";
    private const string AxisColor = "#8c8c8c";

    private readonly ResolvedFigure _r;
    private readonly Figure _f;
    private readonly string _id;
    private readonly PanelData[] _panels;
    private readonly SvgWriter _svg = new();

    private SvgRenderer(ResolvedFigure r, string id)
    {
        _r = r;
        _f = r.Figure;
        _id = id;
        _panels = Enumerable.Range(0, _f.Panels.Count).Select(p => new PanelData(r, p)).ToArray();
    }

    /// <summary>The SVG document; <paramref name="id"/> prefixes element ids (clip paths) so several charts can share an HTML page.</summary>
    public static string Render(ResolvedFigure r, string id) => new SvgRenderer(r, id).Draw();

    private sealed record Margins(double Left, double Right, double Top, double Bottom);

    private sealed record PanelFrame(double X0, double Y0, double X1, double Y1, AxisPlan X, AxisPlan Y, Margins Margins, double CellX, double CellY)
    {
        public double MapX(double v) => X.Reversed ? X1 - (v - X.Lo) / (X.Hi - X.Lo) * (X1 - X0) : X0 + (v - X.Lo) / (X.Hi - X.Lo) * (X1 - X0);

        public double MapY(double v) => Y.Reversed ? Y0 + (v - Y.Lo) / (Y.Hi - Y.Lo) * (Y1 - Y0) : Y1 - (v - Y.Lo) / (Y.Hi - Y.Lo) * (Y1 - Y0);
    }

    private string Draw()
    {
        var w = (double)_f.Width;
        var h = (double)_f.Height;
        var legend = _r.ShowLegend ? _r.Traces.Where(t => t.InLegend).ToArray() : [];
        var legendWidth = legend.Length == 0 ? 0 : 48 + TextMetrics.MaxWidth(legend.Select(t => LegendText(t.Name)), LegendFont) + 10;
        var regionLeft = 8.0;
        var regionRight = w - 8 - legendWidth;
        var regionTop = _f.Title is null ? 6.0 : 14 + TitleFont * 1.25;
        var regionBottom = h - 6;
        var cellW = Math.Max(40, (regionRight - regionLeft - CellGapX * (_f.Columns - 1)) / _f.Columns);
        var cellH = Math.Max(40, (regionBottom - regionTop - CellGapY * (_f.Rows - 1)) / _f.Rows);
        var frames = Layout(cellW, cellH, regionLeft, regionTop);

        _svg.Raw(string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{_f.Width}\" height=\"{_f.Height}\" viewBox=\"0 0 {_f.Width} {_f.Height}\" font-family=\"sans-serif\">\n"));
        _svg.Raw("<defs>\n");
        for (var p = 0; p < frames.Length; p++)
        {
            var fr = frames[p];
            _svg.Raw("<clipPath id=\"").Raw(ClipId(p)).Raw("\">");
            _svg.Rect(fr.X0, fr.Y0, fr.X1 - fr.X0, fr.Y1 - fr.Y0, "#ffffff");
            _svg.Raw("</clipPath>\n");
        }
        _svg.Raw("</defs>\n");
        _svg.Rect(0, 0, w, h, "#ffffff");
        if (_f.Title is not null)
            _svg.Text((regionLeft + regionRight) / 2, 10 + TitleFont, _f.Title, TitleFont, TextColor, "middle");
        for (var p = 0; p < frames.Length; p++) DrawPanel(_panels[p], frames[p], cellH);
        if (legend.Length > 0) DrawLegend(legend, regionRight + 14, frames[0].Y0);
        _svg.Raw("</svg>\n");
        return _svg.ToString();
    }

    private string ClipId(int panel) => string.Create(CultureInfo.InvariantCulture, $"{_id}-clip{panel}");

    // ---- layout ----------------------------------------------------------------------------------------------

    private PanelFrame[] Layout(double cellW, double cellH, double regionLeft, double regionTop)
    {
        var n = _panels.Length;
        var margins = Enumerable.Repeat(new Margins(50, 12, 8, 36), n).ToArray();
        for (var iteration = 0; iteration < 3; iteration++)
        {
            for (var p = 0; p < n; p++)
            {
                var (x, y) = Plans(_panels[p], margins[p], cellW, cellH);
                margins[p] = Measure(_panels[p], x, y);
            }
            margins = Align(margins);
        }
        var frames = new PanelFrame[n];
        for (var p = 0; p < n; p++)
        {
            var m = margins[p];
            var (x, y) = Plans(_panels[p], m, cellW, cellH);
            var cellX = regionLeft + p % _f.Columns * (cellW + CellGapX);
            var cellY = regionTop + p / _f.Columns * (cellH + CellGapY);
            frames[p] = new PanelFrame(cellX + m.Left, cellY + m.Top, cellX + cellW - m.Right, cellY + cellH - m.Bottom, x, y, m, cellX, cellY);
        }
        return frames;
    }

    private static (AxisPlan X, AxisPlan Y) Plans(PanelData d, Margins m, double cellW, double cellH) =>
        (AxisPlan.ForX(d, Math.Max(20, cellW - m.Left - m.Right)), AxisPlan.ForY(d, Math.Max(20, cellH - m.Top - m.Bottom)));

    private static Margins Measure(PanelData d, AxisPlan x, AxisPlan y)
    {
        var left = 4 + y.LabelWidth + 4 + TickLength;
        if (d.Panel.YAxis.Title is not null) left += AxisFont + 10;
        var labels = x.RotateLabels ? x.LabelWidth * 0.71 + TickFont * 0.6 : TickFont;
        var bottom = TickLength + 4 + labels + 4;
        if (d.Panel.XAxis.Title is not null) bottom += AxisFont + 8;
        var top = d.Panel.Title is null ? 8 : PanelTitleFont + 12;
        var right = 12.0;
        if (d.ColorBar is { } bar)
        {
            right = 12 + 14 + 5 + TextMetrics.MaxWidth(ColorBarTicks(bar, 200).Labels, TickFont) + 8;
            if (bar.ColorBarTitle is not null)
            {
                right = Math.Max(right, 12 + TextMetrics.Width(bar.ColorBarTitle, TickFont) + 4);
                top = Math.Max(top, TickFont + 12);
            }
        }
        return new Margins(Math.Ceiling(left), Math.Ceiling(right), Math.Ceiling(top), Math.Ceiling(bottom));
    }

    /// <summary>Panels in a column share left/right margins and panels in a row share top/bottom, so plot areas line up.</summary>
    private Margins[] Align(Margins[] m)
    {
        var result = new Margins[m.Length];
        for (var p = 0; p < m.Length; p++)
        {
            var col = Enumerable.Range(0, m.Length).Where(q => q % _f.Columns == p % _f.Columns).ToArray();
            var row = Enumerable.Range(0, m.Length).Where(q => q / _f.Columns == p / _f.Columns).ToArray();
            result[p] = new Margins(col.Max(q => m[q].Left), col.Max(q => m[q].Right), row.Max(q => m[q].Top), row.Max(q => m[q].Bottom));
        }
        return result;
    }

    // ---- panel -----------------------------------------------------------------------------------------------

    private void DrawPanel(PanelData d, PanelFrame fr, double cellH)
    {
        var hasHeatmap = d.Traces.Any(t => t.Trace is HeatmapTrace);
        // gridlines
        if (d.YKind != AxisKind.Category)
            foreach (var v in fr.Y.Ticks.Values)
                _svg.Line(fr.X0, fr.MapY(v), fr.X1, fr.MapY(v), v == 0 && fr.Y.Lo < 0 ? "#c4c4c4" : GridColor);
        if (!fr.X.Category && !hasHeatmap)
            foreach (var v in fr.X.Ticks.Values)
                _svg.Line(fr.MapX(v), fr.Y0, fr.MapX(v), fr.Y1, GridColor);

        _svg.Raw("<g clip-path=\"url(#").Raw(ClipId(d.Index)).Raw(")\">\n");
        foreach (var rt in d.Traces)
            if (rt.Trace is HeatmapTrace h) DrawHeatmap(d, fr, h);
        foreach (var rect in d.Rects)
        {
            var extra = rect.Opacity < 1 ? $"fill-opacity=\"{SvgWriter.N(rect.Opacity)}\"" : null;
            _svg.Rect(fr.MapX(rect.X0), fr.MapY(rect.Y1), fr.MapX(rect.X1) - fr.MapX(rect.X0), fr.MapY(rect.Y0) - fr.MapY(rect.Y1), rect.Color, extra);
        }
        foreach (var box in d.Boxes) DrawBox(fr, box);
        for (var i = 0; i < d.Traces.Count; i++)
            if (d.Traces[i].Trace is LineTrace { FillToPrevious: true } upper && i > 0 && d.Traces[i - 1].Trace is LineTrace lower)
                DrawFill(d, fr, lower, upper, d.Traces[i].Color);
        foreach (var rt in d.Traces)
            if (rt.Trace is LineTrace { Mode: not LineMode.Markers, Width: > 0 } l) DrawLine(d, fr, l, rt.Color);
        foreach (var rt in d.Traces)
            if (rt.Trace is LineTrace { Mode: not LineMode.Lines } l) DrawMarkers(d, fr, l, rt.Color);
        _svg.Raw("</g>\n");

        DrawAxes(d, fr, cellH);
        if (d.ColorBar is { } bar) DrawColorBar(fr, bar);
        if (d.Panel.Title is not null)
            _svg.Text((fr.X0 + fr.X1) / 2, fr.Y0 - 8, d.Panel.Title, PanelTitleFont, TextColor, "middle");
    }

    private void DrawAxes(PanelData d, PanelFrame fr, double cellH)
    {
        _svg.Line(fr.X0, fr.Y1, fr.X1, fr.Y1, AxisColor);
        _svg.Line(fr.X0, fr.Y0, fr.X0, fr.Y1, AxisColor);
        var cellRight = fr.CellX + (fr.X1 - fr.X0) + fr.Margins.Left + fr.Margins.Right;
        for (var i = 0; i < fr.X.Ticks.Count; i++)
        {
            var x = fr.MapX(fr.X.Ticks.Values[i]);
            if (x < fr.X0 - 0.5 || x > fr.X1 + 0.5) continue;
            var label = fr.X.Ticks.Labels[i];
            _svg.Line(x, fr.Y1, x, fr.Y1 + TickLength, AxisColor);
            if (fr.X.RotateLabels)
            {
                _svg.Text(x + 3, fr.Y1 + TickLength + 8, label, TickFont, TickColor, "end", -45);
                continue;
            }
            var half = TextMetrics.Width(label, TickFont) / 2;
            if (x - half < fr.CellX - 6 || x + half > cellRight + 6) continue; // would run into the neighbour or off the figure
            _svg.Text(x, fr.Y1 + TickLength + 3 + TickFont * 0.8, label, TickFont, TickColor, "middle");
        }
        for (var i = 0; i < fr.Y.Ticks.Count; i++)
        {
            var y = fr.MapY(fr.Y.Ticks.Values[i]);
            if (y < fr.Y0 - 0.5 || y > fr.Y1 + 0.5) continue;
            _svg.Line(fr.X0 - TickLength, y, fr.X0, y, AxisColor);
            _svg.Text(fr.X0 - TickLength - 3, y + TickFont * 0.35, fr.Y.Ticks.Labels[i], TickFont, TickColor, "end");
        }
        if (d.Panel.XAxis.Title is { } xt)
            _svg.Text((fr.X0 + fr.X1) / 2, fr.CellY + cellH - 6, xt, AxisFont, TextColor, "middle");
        if (d.Panel.YAxis.Title is { } yt)
            _svg.Text(fr.CellX + AxisFont, (fr.Y0 + fr.Y1) / 2, yt, AxisFont, TextColor, "middle", -90);
    }

    // ---- traces ----------------------------------------------------------------------------------------------

    private IEnumerable<(double X, double Y)?> Points(PanelData d, PanelFrame fr, LineTrace l)
    {
        for (var i = 0; i < Math.Min(l.X.Count, l.Y.Count); i++)
        {
            var x = d.XPos(l.X, i);
            var y = l.Y[i];
            var known = double.IsFinite(x) && (l.X.Kind != AxisKind.Category || x >= 0);
            yield return known && double.IsFinite(y) ? (fr.MapX(x), fr.MapY(y)) : null;
        }
    }

    private void DrawLine(PanelData d, PanelFrame fr, LineTrace l, string color)
    {
        var path = new StringBuilder();
        var pen = false;
        foreach (var p in Points(d, fr, l))
        {
            if (p is not { } pt)
            {
                pen = false;
                continue;
            }
            path.Append(pen ? " L" : path.Length == 0 ? "M" : " M").Append(SvgWriter.N(pt.X)).Append(' ').Append(SvgWriter.N(pt.Y));
            pen = true;
        }
        if (path.Length == 0) return;
        var extra = "stroke-linejoin=\"round\" stroke-linecap=\"round\"" + DashArray(l.Dash, l.Width);
        _svg.Path(path.ToString(), "none", color, l.Width, extra);
    }

    /// <summary>Plotly's dash patterns, scaled by the line width (at least 3).</summary>
    internal static string DashArray(LineDash dash, double width)
    {
        var u = Math.Max(width, 3);
        return dash switch
        {
            LineDash.Dot => $" stroke-dasharray=\"{SvgWriter.N(u)},{SvgWriter.N(u)}\"",
            LineDash.Dash => $" stroke-dasharray=\"{SvgWriter.N(3 * u)},{SvgWriter.N(3 * u)}\"",
            LineDash.DashDot => $" stroke-dasharray=\"{SvgWriter.N(3 * u)},{SvgWriter.N(u)},{SvgWriter.N(u)},{SvgWriter.N(u)}\"",
            _ => "",
        };
    }

    private void DrawMarkers(PanelData d, PanelFrame fr, LineTrace l, string color)
    {
        foreach (var p in Points(d, fr, l))
            if (p is { } pt) _svg.Circle(pt.X, pt.Y, l.MarkerSize / 2, color);
    }

    /// <summary>The area between two traces (Plotly <c>tonexty</c>); with matching x values, gaps in either trace split the area.</summary>
    private void DrawFill(PanelData d, PanelFrame fr, LineTrace lower, LineTrace upper, string color)
    {
        var up = Points(d, fr, upper).ToArray();
        var low = Points(d, fr, lower).ToArray();
        var sameX = lower.X.Count == upper.X.Count && Enumerable.Range(0, Math.Min(up.Length, low.Length)).All(i => d.XPos(lower.X, i).Equals(d.XPos(upper.X, i)));
        var polygons = new List<(List<(double, double)> Upper, List<(double, double)> Lower)>();
        if (sameX)
        {
            List<(double, double)>? u = null, lo = null;
            for (var i = 0; i < Math.Min(up.Length, low.Length); i++)
            {
                if (up[i] is { } a && low[i] is { } b)
                {
                    if (u is null)
                    {
                        u = [];
                        lo = [];
                        polygons.Add((u, lo));
                    }
                    u.Add(a);
                    lo!.Add(b);
                }
                else u = lo = null;
            }
        }
        else polygons.Add((up.OfType<(double, double)>().ToList(), low.OfType<(double, double)>().ToList()));
        var extra = CssColor.TryParse(color, out _) ? "fill-opacity=\"" + SvgWriter.N(upper.FillOpacity) + "\"" : null;
        foreach (var (u, lo) in polygons)
        {
            if (u.Count + lo.Count < 3) continue;
            var path = new StringBuilder();
            foreach (var (x, y) in u.Concat(Enumerable.Reverse(lo)))
                path.Append(path.Length == 0 ? "M" : " L").Append(SvgWriter.N(x)).Append(' ').Append(SvgWriter.N(y));
            path.Append(" Z");
            _svg.Path(path.ToString(), color, extra: extra ?? "fill-opacity=\"" + SvgWriter.N(upper.FillOpacity) + "\"");
        }
    }

    private void DrawBox(PanelFrame fr, DataBox box)
    {
        var s = box.Stats;
        if (s.Count == 0) return;
        var x0 = fr.MapX(box.Center - box.Width / 2);
        var x1 = fr.MapX(box.Center + box.Width / 2);
        var xc = fr.MapX(box.Center);
        var capHalf = Math.Abs(x1 - x0) / 4;
        var stroke = $"stroke=\"{SvgWriter.Escape(box.Color)}\" stroke-width=\"2\"";
        _svg.Line(xc, fr.MapY(s.Q3), xc, fr.MapY(s.UpperWhisker), box.Color, 2);
        _svg.Line(xc, fr.MapY(s.Q1), xc, fr.MapY(s.LowerWhisker), box.Color, 2);
        _svg.Line(xc - capHalf, fr.MapY(s.UpperWhisker), xc + capHalf, fr.MapY(s.UpperWhisker), box.Color, 2);
        _svg.Line(xc - capHalf, fr.MapY(s.LowerWhisker), xc + capHalf, fr.MapY(s.LowerWhisker), box.Color, 2);
        _svg.Rect(x0, fr.MapY(s.Q3), x1 - x0, fr.MapY(s.Q1) - fr.MapY(s.Q3), box.Color, "fill-opacity=\"0.5\" " + stroke);
        _svg.Line(x0, fr.MapY(s.Median), x1, fr.MapY(s.Median), box.Color, 2);
        if (box.ShowOutliers)
            foreach (var o in s.Outliers) _svg.Circle(xc, fr.MapY(o), 3, box.Color);
    }

    private void DrawHeatmap(PanelData d, PanelFrame fr, HeatmapTrace h)
    {
        var edges = d.CellEdges(h.X);
        var span = h.ZMax - h.ZMin;
        _svg.Raw("<g shape-rendering=\"crispEdges\">\n");
        for (var j = 0; j < Math.Min(h.Y.Count, h.Z.Count); j++)
        {
            var row = h.Z[j];
            var yc = d.YPos(h.Y[j]);
            var ya = fr.MapY(yc - 0.5);
            var yb = fr.MapY(yc + 0.5);
            var i = 0;
            var columns = Math.Min(row.Count, edges.Length - 1);
            while (i < columns)
            {
                if (!double.IsFinite(row[i]))
                {
                    i++;
                    continue;
                }
                var color = h.ColorScale.At(span > 0 ? (row[i] - h.ZMin) / span : 0.5);
                var k = i + 1;
                while (k < columns && double.IsFinite(row[k]) && h.ColorScale.At(span > 0 ? (row[k] - h.ZMin) / span : 0.5) == color) k++;
                var xa = fr.MapX(edges[i]);
                var xb = fr.MapX(edges[k]);
                _svg.Rect(Math.Min(xa, xb), Math.Min(ya, yb), Math.Abs(xb - xa), Math.Abs(yb - ya), color);
                i = k;
            }
        }
        _svg.Raw("</g>\n");
    }

    private static Ticks ColorBarTicks(HeatmapTrace h, double length) =>
        NiceTicks.Linear(h.ZMin, h.ZMax == h.ZMin ? h.ZMin + 1 : h.ZMax, Math.Max(2, (int)(length / 40) + 1), expand: false);

    private void DrawColorBar(PanelFrame fr, HeatmapTrace h)
    {
        const int steps = 64;
        var x = fr.X1 + 12;
        var height = fr.Y1 - fr.Y0;
        _svg.Raw("<g shape-rendering=\"crispEdges\">\n");
        for (var s = 0; s < steps; s++)
        {
            var y0 = fr.Y1 - (s + 1) * height / steps;
            _svg.Rect(x, y0, 14, height / steps + (s < steps - 1 ? 0.5 : 0), h.ColorScale.At((s + 0.5) / steps));
        }
        _svg.Raw("</g>\n");
        _svg.Rect(x, fr.Y0, 14, height, "none", "stroke=\"#bbbbbb\" stroke-width=\"0.5\"");
        var zmax = h.ZMax == h.ZMin ? h.ZMin + 1 : h.ZMax;
        var ticks = ColorBarTicks(h, height);
        for (var i = 0; i < ticks.Count; i++)
        {
            var y = fr.Y1 - (ticks.Values[i] - h.ZMin) / (zmax - h.ZMin) * height;
            _svg.Line(x + 14, y, x + 17, y, AxisColor);
            _svg.Text(x + 20, y + TickFont * 0.35, ticks.Labels[i], TickFont, TickColor);
        }
        if (h.ColorBarTitle is not null)
            _svg.Text(x, fr.Y0 - 6, h.ColorBarTitle, TickFont, TextColor);
    }

    // ---- legend ----------------------------------------------------------------------------------------------

    private void DrawLegend(IReadOnlyList<ResolvedTrace> entries, double x, double y)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var rt = entries[i];
            var cy = y + 10 + i * 20;
            var c = rt.Color;
            switch (rt.Trace)
            {
                case LineTrace { FillToPrevious: true } band:
                    _svg.Rect(x, cy - 6, 28, 12, c, "fill-opacity=\"" + SvgWriter.N(Math.Max(band.FillOpacity, 0.25)) + "\"");
                    break;
                case LineTrace l:
                    if (l.Mode != LineMode.Markers) _svg.Line(x, cy, x + 28, cy, c, Math.Min(Math.Max(l.Width, 1), 4), DashArray(l.Dash, Math.Min(l.Width, 2)).Trim() is { Length: > 0 } dash ? dash : null);
                    if (l.Mode != LineMode.Lines) _svg.Circle(x + 14, cy, Math.Min(l.MarkerSize / 2, 5), c);
                    break;
                case BoxTrace:
                    _svg.Rect(x + 6, cy - 6, 16, 12, c, $"fill-opacity=\"0.5\" stroke=\"{SvgWriter.Escape(c)}\" stroke-width=\"1.5\"");
                    break;
                default:
                    var opacity = rt.Trace switch { BarTrace b => _r.BarOpacity(b.Opacity), HistogramTrace hi => _r.BarOpacity(hi.Opacity), _ => 1 };
                    _svg.Rect(x + 7, cy - 6, 14, 12, c, opacity < 1 ? "fill-opacity=\"" + SvgWriter.N(opacity) + "\"" : null);
                    break;
            }
            _svg.Text(x + 34, cy + LegendFont * 0.35, LegendText(rt.Name), LegendFont, TextColor);
        }
    }

    private static string LegendText(string name) => name.Length <= 32 ? name : name[..31] + "…";
}
