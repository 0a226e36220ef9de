using System.Globalization;
using System.Text.Json.Nodes;

namespace Research.Forecasting.Charts;

/// <summary>
/// Writes a figure as a Plotly figure object <c>{"data": [...], "layout": {...}}</c> (the
/// <c>application/vnd.plotly.v1+json</c> mime content). Everything Plotly would otherwise decide (colours, names,
/// legend, axis types, histogram bins) is written explicitly so the interactive chart matches the SVG.
/// Panels of a grid get their own axes <c>xaxisN</c>/<c>yaxisN</c> with explicit domains.
/// </summary>
internal static class PlotlyWriter
{
    public static JsonObject Write(ResolvedFigure r)
    {
        var data = new JsonArray();
        foreach (var t in r.Traces) data.Add(Trace(r, t));
        return new JsonObject { ["data"] = data, ["layout"] = Layout(r) };
    }

    private static JsonObject Trace(ResolvedFigure r, ResolvedTrace rt)
    {
        var o = new JsonObject { ["type"] = rt.Trace.PlotlyType, ["name"] = rt.Name };
        switch (rt.Trace)
        {
            case LineTrace l:
                o["x"] = Values(l.X);
                o["y"] = Numbers(l.Y);
                o["mode"] = l.Mode switch { LineMode.Markers => "markers", LineMode.LinesAndMarkers => "lines+markers", _ => "lines" };
                if (l.Mode != LineMode.Markers)
                    o["line"] = new JsonObject { ["color"] = rt.Color, ["width"] = l.Width, ["dash"] = Dash(l.Dash) };
                if (l.Mode != LineMode.Lines)
                    o["marker"] = new JsonObject { ["color"] = rt.Color, ["size"] = l.MarkerSize };
                if (l.FillToPrevious)
                {
                    o["fill"] = "tonexty";
                    if (CssColor.TryParse(rt.Color, out var c)) o["fillcolor"] = c.Rgba(l.FillOpacity);
                    else
                    {
                        o["fillcolor"] = rt.Color;
                        o["opacity"] = l.FillOpacity;
                    }
                }
                o["connectgaps"] = false;
                if (l.LegendGroup is not null) o["legendgroup"] = l.LegendGroup;
                break;
            case BarTrace b:
                o["x"] = Values(b.X);
                o["y"] = Numbers(b.Y);
                o["marker"] = new JsonObject { ["color"] = rt.Color };
                o["opacity"] = r.BarOpacity(b.Opacity);
                break;
            case HistogramTrace h:
                o["x"] = Numbers(h.Values);
                var bins = rt.Bins ?? h.Bins;
                o["xbins"] = new JsonObject { ["start"] = bins.Start, ["end"] = bins.End, ["size"] = bins.Size };
                o["histnorm"] = h.Norm switch { HistogramNorm.Probability => "probability", HistogramNorm.ProbabilityDensity => "probability density", _ => "" };
                o["marker"] = new JsonObject { ["color"] = rt.Color };
                o["opacity"] = r.BarOpacity(h.Opacity);
                break;
            case BoxTrace b when b.ShowOutliers:
                // Plotly computes the box from the values: 1.5 IQR whiskers, the values beyond drawn as points
                o["y"] = Numbers(b.Values);
                if (b.Groups is not null) o["x"] = new JsonArray(b.Groups.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray());
                o["boxpoints"] = "outliers";
                o["quartilemethod"] = "linear";
                o["marker"] = new JsonObject { ["color"] = rt.Color };
                o["line"] = new JsonObject { ["color"] = rt.Color };
                break;
            case BoxTrace b:
                // without points Plotly would draw whiskers to the minimum and maximum; give it the statistics the SVG
                // draws (1.5 IQR whiskers), so both say what the chart's title says
                var boxes = b.Boxes(rt.Name);
                o["x"] = new JsonArray(boxes.Select(x => (JsonNode?)JsonValue.Create(x.Group)).ToArray());
                o["q1"] = Numbers(boxes.Select(x => x.Stats.Q1).ToArray());
                o["median"] = Numbers(boxes.Select(x => x.Stats.Median).ToArray());
                o["q3"] = Numbers(boxes.Select(x => x.Stats.Q3).ToArray());
                o["lowerfence"] = Numbers(boxes.Select(x => x.Stats.LowerWhisker).ToArray());
                o["upperfence"] = Numbers(boxes.Select(x => x.Stats.UpperWhisker).ToArray());
                o["boxpoints"] = false;
                o["marker"] = new JsonObject { ["color"] = rt.Color };
                o["line"] = new JsonObject { ["color"] = rt.Color };
                break;
            case HeatmapTrace h:
                o["z"] = new JsonArray(h.Z.Select(row => (JsonNode?)Numbers(row)).ToArray());
                o["x"] = Values(h.X);
                o["y"] = new JsonArray(h.Y.Select(y => (JsonNode?)JsonValue.Create(y)).ToArray());
                o["colorscale"] = new JsonArray(h.ColorScale.Stops.Select(s => (JsonNode?)new JsonArray(s.Position, s.Color)).ToArray());
                o["zmin"] = h.ZMin;
                o["zmax"] = h.ZMax;
                o["showscale"] = h.ShowScale;
                if (h.ShowScale) o["colorbar"] = ColorBar(r, rt.Panel, h);
                o["hoverongaps"] = false;
                break;
        }
        o["showlegend"] = rt.InLegend;
        if (rt.Panel > 0)
        {
            o["xaxis"] = "x" + Suffix(rt.Panel);
            o["yaxis"] = "y" + Suffix(rt.Panel);
        }
        return o;
    }

    private static JsonObject ColorBar(ResolvedFigure r, int panel, HeatmapTrace h)
    {
        var bar = new JsonObject { ["thickness"] = 14 };
        if (h.ColorBarTitle is not null) bar["title"] = new JsonObject { ["text"] = h.ColorBarTitle };
        if (r.Figure.Panels.Count > 1)
        {
            var (x, y) = Domains(r.Figure, panel);
            bar["x"] = Round(x[1] + 0.01);
            bar["xanchor"] = "left";
            bar["y"] = Round((y[0] + y[1]) / 2);
            bar["yanchor"] = "middle";
            bar["len"] = Round(y[1] - y[0]);
        }
        return bar;
    }

    private static JsonObject Layout(ResolvedFigure r)
    {
        var f = r.Figure;
        var layout = new JsonObject();
        if (f.Title is not null) layout["title"] = new JsonObject { ["text"] = f.Title };
        layout["width"] = f.Width;
        layout["height"] = f.Height;
        layout["showlegend"] = r.ShowLegend;
        layout["colorway"] = new JsonArray(Palette.Default.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        layout["margin"] = new JsonObject { ["l"] = 70, ["r"] = 30, ["t"] = f.Title is null ? 40 : 70, ["b"] = 60 };
        if (f.Panels.Any(p => p.Traces.Any(t => t is BarTrace or HistogramTrace)))
            layout["barmode"] = r.BarMode.ToString().ToLowerInvariant();
        if (f.Panels.Any(p => p.Traces.Any(t => t is BoxTrace)))
            layout["boxmode"] = r.GroupBoxes ? "group" : "overlay";
        var annotations = new JsonArray();
        for (var p = 0; p < f.Panels.Count; p++)
        {
            var panel = f.Panels[p];
            var grid = f.Panels.Count > 1;
            var (xd, yd) = Domains(f, p);
            var x = Axis(panel.XAxis, panel.XKind);
            var y = Axis(panel.YAxis, panel.YKind);
            if (grid)
            {
                x["domain"] = new JsonArray(Round(xd[0]), Round(xd[1]));
                x["anchor"] = "y" + Suffix(p);
                y["domain"] = new JsonArray(Round(yd[0]), Round(yd[1]));
                y["anchor"] = "x" + Suffix(p);
            }
            layout["xaxis" + Suffix(p)] = x;
            layout["yaxis" + Suffix(p)] = y;
            if (panel.Title is not null)
                annotations.Add(new JsonObject
                {
                    ["text"] = panel.Title,
                    ["x"] = Round((xd[0] + xd[1]) / 2),
                    ["y"] = Round(yd[1]),
                    ["xref"] = "paper",
                    ["yref"] = "paper",
                    ["xanchor"] = "center",
                    ["yanchor"] = "bottom",
                    ["showarrow"] = false,
                    ["font"] = new JsonObject { ["size"] = 13 },
                });
        }
        if (annotations.Count > 0) layout["annotations"] = annotations;
        return layout;
    }

    private static JsonObject Axis(AxisOptions options, AxisKind kind)
    {
        var axis = new JsonObject { ["type"] = kind switch { AxisKind.Date => "date", AxisKind.Category => "category", _ => "linear" } };
        if (options.Title is not null) axis["title"] = new JsonObject { ["text"] = options.Title };
        if (options is { HasRange: true, Min: { } min, Max: { } max } && kind != AxisKind.Category)
        {
            var (lo, hi) = options.Reversed ? (max, min) : (min, max);
            axis["range"] = kind == AxisKind.Date
                ? new JsonArray(AxisValues.IsoText(AxisValues.FromDays(lo)), AxisValues.IsoText(AxisValues.FromDays(hi)))
                : new JsonArray(lo, hi);
        }
        else if (options.Reversed) axis["autorange"] = "reversed";
        return axis;
    }

    /// <summary>Paper-fraction domains of panel <paramref name="p"/>: row 0 at the top, gaps sized for tick labels and titles.</summary>
    internal static (double[] X, double[] Y) Domains(Figure f, int p)
    {
        if (f.Panels.Count == 1 && f.Rows * f.Columns == 1) return ([0, 1], [0, 1]);
        var row = p / f.Columns;
        var col = p % f.Columns;
        var xTitles = f.Panels.Any(q => q.XAxis.Title is not null);
        var yTitles = f.Panels.Any(q => q.YAxis.Title is not null);
        var titles = f.Panels.Any(q => q.Title is not null);
        var colorBars = f.Panels.Any(q => q.Traces.OfType<HeatmapTrace>().Any(h => h.ShowScale));
        var hgap = Math.Clamp((50 + (yTitles ? 20 : 0) + (colorBars ? 70 : 0)) / Math.Max(100.0, f.Width - 100), 0.04, 0.3);
        var vgap = Math.Clamp((40 + (xTitles ? 20 : 0) + (titles ? 25 : 0)) / Math.Max(100.0, f.Height - 110), 0.04, 0.35);
        var w = (1 - hgap * (f.Columns - 1)) / f.Columns;
        var h = (1 - vgap * (f.Rows - 1)) / f.Rows;
        var x0 = col * (w + hgap);
        var y1 = 1 - row * (h + vgap);
        return ([x0, x0 + w], [y1 - h, y1]);
    }

    private static string Suffix(int panel) => panel == 0 ? "" : (panel + 1).ToString(CultureInfo.InvariantCulture);

    private static double Round(double v) => Math.Round(v, 4);

    private static string Dash(LineDash dash) => dash switch
    {
        LineDash.Dash => "dash",
        LineDash.Dot => "dot",
        LineDash.DashDot => "dashdot",
        _ => "solid",
    };

    private static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null).ToArray<JsonNode?>());

    private static JsonArray Values(AxisValues values) => values.Kind switch
    {
        AxisKind.Linear => Numbers(values.Numbers),
        _ => new JsonArray(values.Labels.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
    };
}
