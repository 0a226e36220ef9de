namespace Research.Forecasting.Charts;

/// <summary>
/// An immutable chart: panels of traces laid out in a grid, a title and a size. Build one with <see cref="Chart"/>,
/// refine it with the <c>With...</c> methods (each returns a new figure), and show it as Plotly JSON
/// (<see cref="ToPlotlyJson"/>), static SVG (<see cref="ToSvg"/>) or HTML (<see cref="ToHtml"/>). In a notebook a figure
/// displays itself as Plotly JSON, SVG, HTML and text (<see cref="Display.FigureFormatterSource"/>).
/// </summary>
public sealed partial record Figure
{
    public const int DefaultWidth = 800;
    public const int DefaultHeight = 450;

    /// <summary>A figure with one empty panel.</summary>
    public static Figure Empty { get; } = new();

    /// <summary>The panels, row by row (a single-panel figure has one).</summary>
    public IReadOnlyList<Panel> Panels { get; init; } = [Panel.Empty];

    public int Rows { get; init; } = 1;

    public int Columns { get; init; } = 1;

    /// <summary>Figure title (Plotly <c>layout.title.text</c>).</summary>
    public string? Title { get; init; }

    /// <summary>Width in pixels (Plotly <c>layout.width</c>, and the SVG width).</summary>
    public int Width { get; init; } = DefaultWidth;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = DefaultHeight;

    /// <summary>Show the legend; null shows it when there are at least two legend entries.</summary>
    public bool? ShowLegend { get; init; }

    /// <summary>How bars sharing a position are arranged; null: grouped, but overlaid when a panel has several histograms and no bars.</summary>
    public BarMode? BarMode { get; init; }

    /// <summary>All traces, panel by panel.</summary>
    public IReadOnlyList<Trace> Traces => Panels.SelectMany(p => p.Traces).ToArray();

    /// <summary>A single-panel figure of <paramref name="traces"/>.</summary>
    public static Figure Of(params IEnumerable<Trace> traces) => new() { Panels = [Panel.Empty.WithTraces(traces)] };

    /// <summary>This figure with <paramref name="traces"/> drawn over it (single-panel figures only).</summary>
    public Figure Add(params IEnumerable<Trace> traces) => this with { Panels = [SinglePanel(nameof(Add)).WithTraces(traces)] };

    /// <summary>
    /// This figure with the traces of <paramref name="other"/> drawn over it (both single-panel). Title, axis titles and
    /// settings are this figure's, or the other's where this one has none.
    /// </summary>
    public Figure Add(Figure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = SinglePanel(nameof(Add));
        var theirs = other.SinglePanel(nameof(Add));
        var panel = mine.WithTraces(theirs.Traces) with
        {
            Title = mine.Title ?? theirs.Title,
            XAxis = Merge(mine.XAxis, theirs.XAxis),
            YAxis = Merge(mine.YAxis, theirs.YAxis),
        };
        return this with
        {
            Panels = [panel],
            Title = Title ?? other.Title,
            ShowLegend = ShowLegend ?? other.ShowLegend,
            BarMode = BarMode ?? other.BarMode,
            Width = Width == DefaultWidth ? other.Width : Width,
            Height = Height == DefaultHeight ? other.Height : Height,
        };
    }

    /// <summary>One panel with the traces of all <paramref name="figures"/> over each other (see <see cref="Add(Figure)"/>).</summary>
    public static Figure Combine(params IEnumerable<Figure> figures) => figures.Aggregate(Empty, (acc, f) => acc.Add(f));

    /// <summary>
    /// A grid of <paramref name="rows"/> x <paramref name="columns"/> panels filled row by row with the panels of
    /// <paramref name="figures"/>; each figure's title becomes its panel's title. Each panel keeps its own axes.
    /// The size defaults to 800 wide and 450 (one row) or 300 per row high.
    /// </summary>
    public static Figure Grid(int rows, int columns, params IEnumerable<Figure> figures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var list = figures.ToArray();
        var panels = list.SelectMany(f => f.Panels.Count == 1 ? [f.Panels[0] with { Title = f.Panels[0].Title ?? f.Title }] : f.Panels).ToArray();
        if (panels.Length > rows * columns)
            throw new ArgumentException($"{panels.Length} panels do not fit a {rows} x {columns} grid", nameof(figures));
        return new Figure
        {
            Panels = panels.Length == 0 ? [Panel.Empty] : panels,
            Rows = rows,
            Columns = columns,
            Height = rows == 1 ? DefaultHeight : 300 * rows,
            BarMode = list.Select(f => f.BarMode).FirstOrDefault(m => m is not null),
            ShowLegend = list.Select(f => f.ShowLegend).FirstOrDefault(s => s is not null),
        };
    }

    /// <summary>Small multiples: <paramref name="figures"/> in a grid <paramref name="columns"/> wide, as many rows as needed.</summary>
    public static Figure Facets(IEnumerable<Figure> figures, int columns = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var list = figures.ToArray();
        var panelCount = Math.Max(1, list.Sum(f => f.Panels.Count));
        var cols = Math.Min(columns, panelCount);
        return Grid((panelCount + cols - 1) / cols, cols, list);
    }

    public Figure WithTitle(string? title) => this with { Title = title };

    /// <summary>Sets the x-axis title of every panel.</summary>
    public Figure WithXTitle(string? title) => MapPanels(p => p with { XAxis = p.XAxis with { Title = title } });

    /// <summary>Sets the y-axis title of every panel.</summary>
    public Figure WithYTitle(string? title) => MapPanels(p => p with { YAxis = p.YAxis with { Title = title } });

    /// <summary>Fixes the y range of every panel (numeric axes).</summary>
    public Figure WithYRange(double min, double max) => MapPanels(p => p with { YAxis = p.YAxis with { Min = min, Max = max } });

    /// <summary>Fixes the x range of every panel (numeric axes).</summary>
    public Figure WithXRange(double min, double max) => MapPanels(p => p with { XAxis = p.XAxis with { Min = min, Max = max } });

    /// <summary>
    /// Every panel's numeric y axis spans the same range: the union of the panels' data on nice ticks (with zero where a
    /// panel has bars), so compared panels (forecasts of two models, residuals) are read on one scale.
    /// </summary>
    public Figure WithSharedYAxes()
    {
        var resolved = new ResolvedFigure(this);
        var (lo, hi, zero) = (double.PositiveInfinity, double.NegativeInfinity, false);
        for (var p = 0; p < Panels.Count; p++)
        {
            if (Panels[p].YKind != AxisKind.Linear) continue;
            var data = new PanelData(resolved, p);
            if (!data.HasY) continue;
            (lo, hi) = (Math.Min(lo, data.YExtent.Min), Math.Max(hi, data.YExtent.Max));
            zero |= data.IncludeZero;
        }
        if (lo > hi) return this;
        if (zero) (lo, hi) = (Math.Min(lo, 0), Math.Max(hi, 0));
        var ticks = NiceTicks.Linear(lo, hi, maxTicks: 6, expand: true);
        return MapPanels(p => p.YKind == AxisKind.Linear ? p with { YAxis = p.YAxis with { Min = ticks.Values[0], Max = ticks.Values[^1] } } : p);
    }

    /// <summary>Sets the panel title of every panel (for a single panel, a smaller title than <see cref="WithTitle"/>).</summary>
    public Figure WithPanelTitle(string? title) => MapPanels(p => p with { Title = title });

    public Figure WithSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 100);
        return this with { Width = width, Height = height };
    }

    public Figure WithLegend(bool show) => this with { ShowLegend = show };

    public Figure WithBarMode(BarMode mode) => this with { BarMode = mode };

    /// <summary>Stacks bars (and histograms).</summary>
    public Figure Stacked() => WithBarMode(Charts.BarMode.Stack);

    private Figure MapPanels(Func<Panel, Panel> map) => this with { Panels = Panels.Select(map).ToArray() };

    private Panel SinglePanel(string operation) =>
        Panels.Count == 1 ? Panels[0] : throw new InvalidOperationException($"{operation} works on single-panel figures; build grids with Figure.Grid");

    private static AxisOptions Merge(AxisOptions a, AxisOptions b) => a with
    {
        Title = a.Title ?? b.Title,
        Min = a.HasRange ? a.Min : b.Min,
        Max = a.HasRange ? a.Max : b.Max,
        Reversed = a.Reversed || b.Reversed,
    };
}
