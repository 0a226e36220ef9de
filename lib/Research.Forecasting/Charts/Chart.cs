using System.Globalization;

namespace Research.Forecasting.Charts;

/// <summary>
/// Builds figures in one line each, e.g. <c>Chart.Line(x: weeks, y: sales, name: "store 2").WithTitle("Weekly sales")</c>.
/// X values may be numbers, <see cref="DateOnly"/>/<see cref="DateTime"/> (a date axis) or strings (categories);
/// NaN y values leave gaps. Combine figures with <see cref="Figure.Add(Figure)"/> and lay them out with
/// <see cref="Grid"/> or <see cref="Facets"/>.
/// </summary>
public static class Chart
{
    /// <summary>A line through (<paramref name="x"/>, <paramref name="y"/>); <paramref name="markers"/> adds a marker per point.</summary>
    public static Figure Line<TX>(IEnumerable<TX> x, IEnumerable<double> y, string? name = null, string? color = null,
        LineDash dash = LineDash.Solid, double width = 2, bool markers = false)
    {
        var (xs, ys) = Pair(x, y);
        return Figure.Of(new LineTrace
        {
            X = xs, Y = ys, Name = name, Color = color, Dash = dash, Width = width,
            Mode = markers ? LineMode.LinesAndMarkers : LineMode.Lines,
        });
    }

    /// <summary>A line through <paramref name="y"/> against 0, 1, 2, ...</summary>
    public static Figure Line(IEnumerable<double> y, string? name = null, string? color = null,
        LineDash dash = LineDash.Solid, double width = 2, bool markers = false)
    {
        var ys = y.ToArray();
        return Line(Enumerable.Range(0, ys.Length), ys, name, color, dash, width, markers);
    }

    /// <summary>Markers at (<paramref name="x"/>, <paramref name="y"/>) (Plotly scatter, <c>mode: "markers"</c>).</summary>
    public static Figure Scatter<TX>(IEnumerable<TX> x, IEnumerable<double> y, string? name = null, string? color = null, double size = 6)
    {
        var (xs, ys) = Pair(x, y);
        return Figure.Of(new LineTrace { X = xs, Y = ys, Name = name, Color = color, Mode = LineMode.Markers, MarkerSize = size });
    }

    /// <summary>
    /// A shaded band between <paramref name="lower"/> and <paramref name="upper"/>, e.g. a 95% prediction interval:
    /// two Plotly traces, the lower edge (hidden from the legend) and the upper edge filled down to it
    /// (<c>fill: "tonexty"</c>) with <paramref name="opacity"/>. Give it the colour of the forecast it belongs to.
    /// </summary>
    public static Figure Band<TX>(IEnumerable<TX> x, IEnumerable<double> lower, IEnumerable<double> upper, string? name = null,
        string? color = null, double opacity = 0.2)
    {
        var (xs, lo) = Pair(x, lower);
        var hi = upper.ToArray();
        if (hi.Length != lo.Length) throw new ArgumentException($"upper has {hi.Length} values, lower {lo.Length}", nameof(upper));
        if (color is not null) CssColor.Parse(color);
        var group = name ?? "band";
        return Figure.Of(
            new LineTrace
            {
                X = xs, Y = lo, Name = name is null ? null : name + " (lower)", Color = color, Width = 0,
                ShowInLegend = false, LegendGroup = group, IsBandEdge = true,
            },
            new LineTrace { X = xs, Y = hi, Name = name, Color = color, Width = 0, FillToPrevious = true, FillOpacity = opacity, LegendGroup = group });
    }

    /// <summary>Bars of height <paramref name="y"/> at <paramref name="x"/>; several bar figures combined are grouped (or <see cref="Figure.Stacked"/>).</summary>
    public static Figure Bar<TX>(IEnumerable<TX> x, IEnumerable<double> y, string? name = null, string? color = null)
    {
        var (xs, ys) = Pair(x, y);
        return Figure.Of(new BarTrace { X = xs, Y = ys, Name = name, Color = color });
    }

    /// <summary>
    /// A histogram of <paramref name="values"/> (NaN ignored). Bins: width <paramref name="binSize"/>, or about
    /// <paramref name="bins"/> bins, or automatic; see <see cref="HistogramBins.For"/>.
    /// </summary>
    public static Figure Histogram(IEnumerable<double> values, string? name = null, string? color = null, int? bins = null,
        double? binSize = null, double? binStart = null, HistogramNorm norm = HistogramNorm.Count)
    {
        var v = values.ToArray();
        return Figure.Of(new HistogramTrace
            {
                Values = v, Bins = HistogramBins.For(v, bins, binSize, binStart), Norm = norm, Name = name, Color = color,
                AutoBins = binSize is null && binStart is null, RequestedBinCount = bins,
            })
            .WithYTitle(norm switch { HistogramNorm.Probability => "probability", HistogramNorm.ProbabilityDensity => "density", _ => "count" });
    }

    /// <summary>One box plot of <paramref name="y"/>, placed at <paramref name="name"/> on a category axis.</summary>
    public static Figure Box(IEnumerable<double> y, string? name = null, string? color = null, bool outliers = true) =>
        Figure.Of(new BoxTrace { Values = y.ToArray(), Name = name, Color = color, ShowOutliers = outliers });

    /// <summary>One box plot per distinct <paramref name="x"/> (e.g. weekday) of the matching <paramref name="y"/> values.</summary>
    public static Figure Box<TX>(IEnumerable<TX> x, IEnumerable<double> y, string? name = null, string? color = null, bool outliers = true)
    {
        var (xs, ys) = Pair(x, y);
        return Figure.Of(new BoxTrace { Values = ys, Groups = xs.Labels, Name = name, Color = color, ShowOutliers = outliers });
    }

    /// <summary>
    /// A heatmap of <paramref name="z"/>[row][column] with column labels <paramref name="x"/> and row labels
    /// <paramref name="y"/>, first row at the top (e.g. a missing-data map: one row per series, one column per
    /// period, 1 = missing, with <see cref="ColorScale.Missing"/>). NaN cells stay empty. The colours span
    /// <paramref name="zMin"/>..<paramref name="zMax"/>, by default the range of the finite values.
    /// </summary>
    public static Figure Heatmap<TX>(IEnumerable<IEnumerable<double>> z, IEnumerable<TX> x, IEnumerable<string>? y = null,
        ColorScale? colorScale = null, double? zMin = null, double? zMax = null, string? colorBarTitle = null, bool showScale = true, string? name = null) =>
        MakeHeatmap(z.Select(r => (IReadOnlyList<double>)r.ToArray()).ToArray(), AxisValues.From(x), y, colorScale, zMin, zMax, colorBarTitle, showScale, name);

    /// <summary>A heatmap with text column labels (by default "0", "1", ...); see <see cref="Heatmap{TX}(IEnumerable{IEnumerable{double}}, IEnumerable{TX}, IEnumerable{string}?, ColorScale?, double?, double?, string?, bool, string?)"/>.</summary>
    public static Figure Heatmap(IEnumerable<IEnumerable<double>> z, IEnumerable<string>? x = null, IEnumerable<string>? y = null,
        ColorScale? colorScale = null, double? zMin = null, double? zMax = null, string? colorBarTitle = null, bool showScale = true, string? name = null)
    {
        var rows = z.Select(r => (IReadOnlyList<double>)r.ToArray()).ToArray();
        var xs = AxisValues.FromCategories(x ?? Enumerable.Range(0, rows.Length == 0 ? 0 : rows[0].Count).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        return MakeHeatmap(rows, xs, y, colorScale, zMin, zMax, colorBarTitle, showScale, name);
    }

    /// <summary>A heatmap of a rectangular matrix (<c>z[row, column]</c>).</summary>
    public static Figure Heatmap<TX>(double[,] z, IEnumerable<TX> x, IEnumerable<string>? y = null,
        ColorScale? colorScale = null, double? zMin = null, double? zMax = null, string? colorBarTitle = null, bool showScale = true, string? name = null) =>
        Heatmap(Rows(z), x, y, colorScale, zMin, zMax, colorBarTitle, showScale, name);

    /// <summary>A heatmap of a rectangular matrix (<c>z[row, column]</c>) with text (or no) column labels.</summary>
    public static Figure Heatmap(double[,] z, IEnumerable<string>? x = null, IEnumerable<string>? y = null,
        ColorScale? colorScale = null, double? zMin = null, double? zMax = null, string? colorBarTitle = null, bool showScale = true, string? name = null) =>
        Heatmap(Rows(z), x, y, colorScale, zMin, zMax, colorBarTitle, showScale, name);

    /// <summary>
    /// A correlogram (R's <c>plot(acf(y))</c>): a bar per lag from <paramref name="firstLag"/> for the (partial)
    /// autocorrelations <paramref name="values"/>, and dashed lines at <c>±bound</c>, e.g. the 95% white-noise bounds
    /// <c>1.96/sqrt(n)</c> of <see cref="Diagnostics.Autocorrelation.WhiteNoiseBound"/>, named <paramref name="boundName"/>
    /// in the legend (by default <c>±bound</c>).
    /// </summary>
    public static Figure Correlogram(IReadOnlyList<double> values, double bound, int firstLag = 1, string? name = null, string? color = null,
        string? boundName = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(bound >= 0)) throw new ArgumentOutOfRangeException(nameof(bound), bound, "the bound is a non-negative number");
        var edges = AxisValues.From(new[] { firstLag - 0.5, firstLag + values.Count - 0.5 });
        boundName ??= "±" + bound.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        return Figure.Of(
            new BarTrace { X = AxisValues.From(Enumerable.Range(firstLag, values.Count)), Y = [.. values], Name = name, Color = color },
            new LineTrace { X = edges, Y = [bound, bound], Name = boundName, Color = "#7f7f7f", Dash = LineDash.Dash, Width = 1, LegendGroup = boundName },
            new LineTrace { X = edges, Y = [-bound, -bound], Name = boundName, Color = "#7f7f7f", Dash = LineDash.Dash, Width = 1, LegendGroup = boundName, ShowInLegend = false })
            .WithXTitle("lag");
    }

    /// <summary>Panels in a <paramref name="rows"/> x <paramref name="columns"/> grid; see <see cref="Figure.Grid"/>.</summary>
    public static Figure Grid(int rows, int columns, params IEnumerable<Figure> figures) => Figure.Grid(rows, columns, figures);

    /// <summary>Small multiples <paramref name="columns"/> wide; see <see cref="Figure.Facets"/>.</summary>
    public static Figure Facets(IEnumerable<Figure> figures, int columns = 2) => Figure.Facets(figures, columns);

    private static (AxisValues X, double[] Y) Pair<TX>(IEnumerable<TX> x, IEnumerable<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var xs = AxisValues.From(x);
        var ys = y.ToArray();
        if (xs.Count != ys.Length) throw new ArgumentException($"x has {xs.Count} values, y {ys.Length}", nameof(y));
        return (xs, ys);
    }

    private static Figure MakeHeatmap(IReadOnlyList<double>[] z, AxisValues x, IEnumerable<string>? y, ColorScale? colorScale,
        double? zMin, double? zMax, string? colorBarTitle, bool showScale, string? name)
    {
        for (var r = 0; r < z.Length; r++)
            if (z[r].Count != x.Count) throw new ArgumentException($"row {r} of z has {z[r].Count} values but there are {x.Count} columns", nameof(z));
        var ys = y?.ToArray() ?? Enumerable.Range(0, z.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (ys.Length != z.Length) throw new ArgumentException($"y has {ys.Length} labels but z has {z.Length} rows", nameof(y));
        var finite = z.SelectMany(r => r).Where(double.IsFinite).ToArray();
        var trace = new HeatmapTrace
        {
            Z = z, X = x, Y = ys, Name = name, ColorScale = colorScale ?? ColorScale.Viridis, ShowScale = showScale, ColorBarTitle = colorBarTitle,
            ZMin = zMin ?? (finite.Length == 0 ? 0 : finite.Min()),
            ZMax = zMax ?? (finite.Length == 0 ? 1 : finite.Max()),
        };
        var figure = Figure.Of(trace);
        return figure with { Panels = [figure.Panels[0] with { YAxis = figure.Panels[0].YAxis with { Reversed = true } }] };
    }

    private static IEnumerable<IEnumerable<double>> Rows(double[,] z) =>
        Enumerable.Range(0, z.GetLength(0)).Select(r => Enumerable.Range(0, z.GetLength(1)).Select(c => z[r, c]).ToArray());
}
