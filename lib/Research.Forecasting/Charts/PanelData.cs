namespace Research.Forecasting.Charts;

/// <summary>A bar (or histogram bin) in data units.</summary>
internal sealed record DataRect(double X0, double X1, double Y0, double Y1, string Color, double Opacity);

/// <summary>A box of a box plot in data units.</summary>
internal sealed record DataBox(double Center, double Width, BoxStats Stats, string Color, bool ShowOutliers);

/// <summary>
/// What a panel shows, in data units and independent of pixels: the category orders, bar and box geometry
/// (grouped or stacked) and the extent of the data on both axes.
/// </summary>
internal sealed class PanelData
{
    private readonly Dictionary<string, int> _xIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _yIndex = new(StringComparer.Ordinal);
    private double _xMin = double.PositiveInfinity, _xMax = double.NegativeInfinity;
    private double _yMin = double.PositiveInfinity, _yMax = double.NegativeInfinity;

    public PanelData(ResolvedFigure figure, int index)
    {
        Index = index;
        Panel = figure.Figure.Panels[index];
        Traces = figure.InPanel(index).ToArray();
        XKind = Panel.XKind;
        YKind = Panel.YKind;
        CollectCategories();
        BuildBars(figure);
        BuildHistograms(figure);
        BuildBoxes(figure);
        foreach (var rt in Traces)
        {
            switch (rt.Trace)
            {
                case LineTrace l:
                    for (var i = 0; i < Math.Min(l.X.Count, l.Y.Count); i++)
                    {
                        var x = XPos(l.X, i);
                        if (!double.IsFinite(x) || !double.IsFinite(l.Y[i])) continue;
                        AddX(x);
                        AddY(l.Y[i]);
                    }
                    if (l.Mode != LineMode.Lines) PadForMarkers = true;
                    break;
                case HeatmapTrace h:
                    ColorBar ??= h.ShowScale ? h : null;
                    var edges = CellEdges(h.X);
                    if (edges.Length > 0)
                    {
                        AddX(edges[0]);
                        AddX(edges[^1]);
                    }
                    break;
            }
        }
        foreach (var r in Rects)
        {
            AddX(r.X0);
            AddX(r.X1);
            AddY(r.Y0);
            AddY(r.Y1);
        }
        foreach (var b in Boxes)
        {
            AddX(b.Center - b.Width / 2);
            AddX(b.Center + b.Width / 2);
            if (b.Stats.Count == 0) continue;
            AddY(b.Stats.LowerWhisker);
            AddY(b.Stats.UpperWhisker);
            if (!b.ShowOutliers) continue;   // hidden outliers do not stretch the axis (Plotly's boxpoints: false)
            foreach (var o in b.Stats.Outliers) AddY(o);
        }
    }

    public int Index { get; }

    public Panel Panel { get; }

    public IReadOnlyList<ResolvedTrace> Traces { get; }

    public AxisKind XKind { get; }

    public AxisKind YKind { get; }

    public List<string> XCategories { get; } = [];

    public List<string> YCategories { get; } = [];

    public List<DataRect> Rects { get; } = [];

    public List<DataBox> Boxes { get; } = [];

    /// <summary>The first heatmap of the panel that shows a colour bar.</summary>
    public HeatmapTrace? ColorBar { get; }

    /// <summary>Markers are drawn, so the x range gets a little room at both ends.</summary>
    public bool PadForMarkers { get; private set; }

    /// <summary>Bars or histograms: the y range includes 0.</summary>
    public bool IncludeZero => Rects.Count > 0;

    public bool HasX => _xMin <= _xMax;

    public bool HasY => _yMin <= _yMax;

    public (double Min, double Max) XExtent => HasX ? (_xMin, _xMax) : (0, 1);

    public (double Min, double Max) YExtent => HasY ? (_yMin, _yMax) : (0, 1);

    /// <summary>Position of value <paramref name="i"/> on the x axis: its number, date (days) or category index.</summary>
    public double XPos(AxisValues values, int i) =>
        values.Kind == AxisKind.Category ? _xIndex.GetValueOrDefault(values.Labels[i], -1) : values.Numbers[i];

    public int YPos(string label) => _yIndex.GetValueOrDefault(label, -1);

    /// <summary>Boundaries of heatmap cells along x: category slots, or midpoints between numeric/date positions.</summary>
    public double[] CellEdges(AxisValues x)
    {
        var n = x.Count;
        if (n == 0) return [];
        var pos = Enumerable.Range(0, n).Select(i => XPos(x, i)).ToArray();
        if (x.Kind == AxisKind.Category || n == 1)
            return [.. pos.Select(p => p - 0.5), pos[^1] + 0.5];
        var edges = new double[n + 1];
        for (var i = 1; i < n; i++) edges[i] = (pos[i - 1] + pos[i]) / 2;
        edges[0] = pos[0] - (edges[1] - pos[0]);
        edges[n] = pos[^1] + (pos[^1] - edges[n - 1]);
        return edges;
    }

    private void AddX(double v)
    {
        if (!double.IsFinite(v)) return;
        _xMin = Math.Min(_xMin, v);
        _xMax = Math.Max(_xMax, v);
    }

    private void AddY(double v)
    {
        if (!double.IsFinite(v)) return;
        _yMin = Math.Min(_yMin, v);
        _yMax = Math.Max(_yMax, v);
    }

    private void CollectCategories()
    {
        void AddXCategory(string c)
        {
            if (_xIndex.TryAdd(c, XCategories.Count)) XCategories.Add(c);
        }
        foreach (var rt in Traces)
        {
            switch (rt.Trace)
            {
                case LineTrace { X.Kind: AxisKind.Category } l: foreach (var c in l.X.Labels) AddXCategory(c); break;
                case BarTrace { X.Kind: AxisKind.Category } b: foreach (var c in b.X.Labels) AddXCategory(c); break;
                case HeatmapTrace h:
                    if (h.X.Kind == AxisKind.Category) foreach (var c in h.X.Labels) AddXCategory(c);
                    foreach (var c in h.Y)
                        if (_yIndex.TryAdd(c, YCategories.Count)) YCategories.Add(c);
                    break;
                case BoxTrace b:
                    if (b.Groups is null) AddXCategory(rt.Name);
                    else foreach (var c in b.Groups) AddXCategory(c);
                    break;
            }
        }
    }

    private void BuildBars(ResolvedFigure figure)
    {
        var bars = Traces.Where(t => t.Trace is BarTrace).ToArray();
        if (bars.Length == 0) return;
        var slot = 1.0;
        if (XKind != AxisKind.Category)
        {
            var xs = bars.SelectMany(t => ((BarTrace)t.Trace).X.Numbers).Where(double.IsFinite).Distinct().Order().ToArray();
            var gaps = xs.Zip(xs.Skip(1), (a, b) => b - a).Where(d => d > 0).ToArray();
            slot = gaps.Length > 0 ? gaps.Min() : 1;
        }
        var mode = figure.BarMode;
        var bases = new Dictionary<double, double>();
        for (var j = 0; j < bars.Length; j++)
        {
            var b = (BarTrace)bars[j].Trace;
            var opacity = figure.BarOpacity(b.Opacity);
            for (var i = 0; i < Math.Min(b.X.Count, b.Y.Count); i++)
            {
                var x = XPos(b.X, i);
                var y = b.Y[i];
                if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
                var (x0, x1) = mode == BarMode.Group
                    ? (x - 0.4 * slot + j * 0.8 * slot / bars.Length, x - 0.4 * slot + (j + 1) * 0.8 * slot / bars.Length)
                    : (x - 0.4 * slot, x + 0.4 * slot);
                var y0 = mode == BarMode.Stack ? bases.GetValueOrDefault(x) : 0;
                if (mode == BarMode.Stack) bases[x] = y0 + y;
                Rects.Add(new DataRect(x0, x1, y0, y0 + y, bars[j].Color, opacity));
            }
        }
    }

    private void BuildHistograms(ResolvedFigure figure)
    {
        var hists = Traces.Where(t => t.Trace is HistogramTrace).ToArray();
        var bases = new Dictionary<double, double>();
        for (var j = 0; j < hists.Length; j++)
        {
            var h = (HistogramTrace)hists[j].Trace;
            var bins = hists[j].Bins ?? h.Bins;
            var heights = h.Heights(bins);
            var opacity = figure.BarOpacity(h.Opacity);
            for (var k = 0; k < heights.Length; k++)
            {
                var e0 = bins.Edge(k);
                var e1 = bins.Edge(k + 1);
                var (x0, x1) = figure.BarMode == BarMode.Group
                    ? (e0 + j * (e1 - e0) / hists.Length, e0 + (j + 1) * (e1 - e0) / hists.Length)
                    : (e0, e1);
                var key = Math.Round(e0, 9);
                var y0 = figure.BarMode == BarMode.Stack ? bases.GetValueOrDefault(key) : 0;
                if (figure.BarMode == BarMode.Stack) bases[key] = y0 + heights[k];
                if (heights[k] != 0) Rects.Add(new DataRect(x0, x1, y0, y0 + heights[k], hists[j].Color, opacity));
            }
        }
    }

    private void BuildBoxes(ResolvedFigure figure)
    {
        var boxes = Traces.Where(t => t.Trace is BoxTrace).ToArray();
        for (var j = 0; j < boxes.Length; j++)
        {
            var b = (BoxTrace)boxes[j].Trace;
            var grouped = figure.GroupBoxes && boxes.Length > 1;
            var width = grouped ? 0.7 / boxes.Length * 0.8 : 0.6;
            var offset = grouped ? -0.35 + (j + 0.5) * 0.7 / boxes.Length : 0;
            foreach (var (group, stats) in b.Boxes(boxes[j].Name))
                Boxes.Add(new DataBox(_xIndex[group] + offset, width, stats, boxes[j].Color, b.ShowOutliers));
        }
    }
}
