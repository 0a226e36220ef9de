namespace Research.Forecasting.Charts;

/// <summary>An axis fitted to a length in pixels: its data range, ticks, and how tick labels are drawn.</summary>
internal sealed record AxisPlan(double Lo, double Hi, Ticks Ticks, bool Reversed, bool RotateLabels, bool Category)
{
    private const double TickFont = SvgRenderer.TickFont;

    /// <summary>The horizontal axis of a panel <paramref name="length"/> pixels wide.</summary>
    public static AxisPlan ForX(PanelData d, double length)
    {
        var options = d.Panel.XAxis;
        if (d.XKind == AxisKind.Category)
        {
            var n = d.XCategories.Count;
            var slot = length / Math.Max(1, n);
            var widest = TextMetrics.MaxWidth(d.XCategories, TickFont);
            var rotate = widest + 8 > slot;
            var stride = rotate ? Math.Max(1, (int)Math.Ceiling(TickFont * 1.6 / slot)) : 1;
            return new AxisPlan(-0.5, Math.Max(0.5, n - 0.5), CategoryTicks(d.XCategories, stride), options.Reversed, rotate, true);
        }
        var (lo, hi) = options.HasRange ? (options.Min!.Value, options.Max!.Value) : d.XExtent;
        if (lo > hi) (lo, hi) = (hi, lo);
        if (!options.HasRange)
        {
            if (lo == hi)
            {
                var pad = d.XKind == AxisKind.Date ? 1 : lo == 0 ? 1 : Math.Abs(lo) * 0.1;
                (lo, hi) = (lo - pad, hi + pad);
            }
            else if (d.PadForMarkers)
            {
                var pad = (hi - lo) * 0.04;
                (lo, hi) = (lo - pad, hi + pad);
            }
        }
        var maxTicks = Math.Max(2, (int)(length / (d.XKind == AxisKind.Date ? 75 : 65)) + 1);
        var ticks = Ticks.Empty;
        for (; maxTicks >= 2; maxTicks--)
        {
            ticks = d.XKind == AxisKind.Date ? DateTicks.Compute(lo, hi, maxTicks) : NiceTicks.Linear(lo, hi, maxTicks, expand: false);
            if (ticks.Count < 2) break;
            var spacing = length * Math.Abs(ticks.Values[1] - ticks.Values[0]) / (hi - lo);
            if (spacing >= TextMetrics.MaxWidth(ticks.Labels, TickFont) + 14) break;
        }
        return new AxisPlan(lo, hi, ticks, options.Reversed, false, false);
    }

    /// <summary>The vertical axis of a panel <paramref name="length"/> pixels high.</summary>
    public static AxisPlan ForY(PanelData d, double length)
    {
        var options = d.Panel.YAxis;
        if (d.YKind == AxisKind.Category)
        {
            var n = d.YCategories.Count;
            var slot = length / Math.Max(1, n);
            var stride = Math.Max(1, (int)Math.Ceiling(TickFont * 1.3 / slot));
            return new AxisPlan(-0.5, Math.Max(0.5, n - 0.5), CategoryTicks(d.YCategories, stride), options.Reversed, false, true);
        }
        var maxTicks = Math.Max(2, (int)(length / 45) + 1);
        if (options.HasRange)
        {
            var (min, max) = (Math.Min(options.Min!.Value, options.Max!.Value), Math.Max(options.Min.Value, options.Max.Value));
            return new AxisPlan(min, max, NiceTicks.Linear(min, max, maxTicks, expand: false), options.Reversed, false, false);
        }
        var (lo, hi) = d.YExtent;
        if (d.IncludeZero) (lo, hi) = (Math.Min(lo, 0), Math.Max(hi, 0));
        var ticks = NiceTicks.Linear(lo, hi, maxTicks, expand: true);
        return new AxisPlan(ticks.Values[0], ticks.Values[^1], ticks, options.Reversed, false, false);
    }

    private static Ticks CategoryTicks(List<string> categories, int stride)
    {
        var idx = Enumerable.Range(0, categories.Count).Where(i => i % stride == 0).ToArray();
        return new Ticks(idx.Select(i => (double)i).ToArray(), idx.Select(i => categories[i]).ToArray());
    }

    /// <summary>Widest tick label in pixels.</summary>
    public double LabelWidth => TextMetrics.MaxWidth(Ticks.Labels, TickFont);
}
