using System.Globalization;

namespace Research.Forecasting.Charts;

/// <summary>A trace with everything the writers need decided: its panel, name, colour and legend entry.</summary>
internal sealed record ResolvedTrace(Trace Trace, int Panel, int Index, string Name, string Color, bool InLegend)
{
    /// <summary>Bins a histogram is drawn with: its own, or bins shared by all automatically binned histograms of its panel.</summary>
    public HistogramBins? Bins { get; init; }
}

/// <summary>
/// The decisions shared by the Plotly and SVG writers, so both show the same chart: default names (<c>trace N</c>),
/// palette colours (restarting in every panel; a band's lower edge shares its band's colour), one legend entry per
/// distinct name and colour, whether the legend shows, the effective bar and box modes, and common bins for
/// automatically binned histograms that share a panel (as Plotly shares bins of histograms on one axis).
/// </summary>
internal sealed class ResolvedFigure
{
    public ResolvedFigure(Figure figure)
    {
        Figure = figure;
        var traces = new List<ResolvedTrace>();
        var seen = new HashSet<(string, string, string)>();
        var index = 0;
        for (var p = 0; p < figure.Panels.Count; p++)
        {
            var panelTraces = figure.Panels[p].Traces;
            var colors = new string[panelTraces.Count];
            var next = 0;
            for (var i = 0; i < panelTraces.Count; i++)
            {
                var t = panelTraces[i];
                if (colors[i] is not null) continue;
                if (t is LineTrace { IsBandEdge: true } && i + 1 < panelTraces.Count && panelTraces[i + 1] is LineTrace { FillToPrevious: true } upper)
                {
                    colors[i] = colors[i + 1] = t.Color ?? upper.Color ?? Palette.At(next++);
                    continue;
                }
                colors[i] = t.Color ?? (t.UsesPalette ? Palette.At(next++) : "#444444");
            }
            var autoHistograms = panelTraces.OfType<HistogramTrace>().ToArray();
            var shared = autoHistograms.Length >= 2 && autoHistograms.All(h => h.AutoBins)
                ? HistogramBins.For(autoHistograms.SelectMany(h => h.Values), autoHistograms.Max(h => h.RequestedBinCount))
                : null;
            for (var i = 0; i < panelTraces.Count; i++, index++)
            {
                var t = panelTraces[i];
                var name = t.Name ?? string.Create(CultureInfo.InvariantCulture, $"trace {index}");
                var legendable = t.ShowInLegend && t is not HeatmapTrace && t is not BoxTrace { Groups: null };
                var inLegend = legendable && seen.Add((name, colors[i], LegendKind(t)));
                traces.Add(new ResolvedTrace(t, p, index, name, colors[i], inLegend) { Bins = t is HistogramTrace h ? shared ?? h.Bins : null });
            }
        }
        Traces = traces;
        ShowLegend = figure.ShowLegend ?? traces.Count(t => t.InLegend) >= 2;
        // the mode is one for the whole figure (as in Plotly), but only matters in panels with several bar-like traces
        var groupedBars = figure.Panels.Any(p => p.Traces.OfType<BarTrace>().Count() >= 2);
        var overlaidHistograms = figure.Panels.Any(p => p.Traces.OfType<HistogramTrace>().Count() >= 2);
        BarMode = figure.BarMode ?? (overlaidHistograms && !groupedBars ? Charts.BarMode.Overlay : Charts.BarMode.Group);
        var boxes = figure.Panels.SelectMany(p => p.Traces).OfType<BoxTrace>().ToArray();
        GroupBoxes = boxes.Length > 0 && boxes.All(b => b.Groups is not null) && figure.Panels.Any(p => p.Traces.OfType<BoxTrace>().Count() >= 2);
    }

    public Figure Figure { get; }

    public IReadOnlyList<ResolvedTrace> Traces { get; }

    public bool ShowLegend { get; }

    public BarMode BarMode { get; }

    /// <summary>Box traces of a panel sit side by side within each group (Plotly <c>boxmode: "group"</c>) rather than over each other.</summary>
    public bool GroupBoxes { get; }

    public IEnumerable<ResolvedTrace> InPanel(int panel) => Traces.Where(t => t.Panel == panel);

    /// <summary>Default opacity of bars and histograms under the bar mode.</summary>
    public double BarOpacity(double? own) => own ?? (BarMode == Charts.BarMode.Overlay ? 0.6 : 1);

    internal static string LegendKind(Trace t) => t switch
    {
        LineTrace { FillToPrevious: true } => "band",
        LineTrace l => "line:" + l.Mode + ":" + l.Dash,
        _ => t.KindName,
    };
}
