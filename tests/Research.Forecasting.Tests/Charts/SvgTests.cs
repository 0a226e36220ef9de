using System.Globalization;
using System.Xml;
using Research.Forecasting.Charts;

namespace Research.Forecasting.Tests.Charts;

public sealed class SvgTests
{
    private const string Ns = "http://www.w3.org/2000/svg";

    private static readonly DateOnly[] Weeks = Enumerable.Range(0, 30).Select(i => new DateOnly(2015, 1, 5).AddDays(7 * i)).ToArray();

    private static XmlDocument Parse(string svg)
    {
        var doc = new XmlDocument { XmlResolver = null };
        doc.LoadXml(svg);
        return doc;
    }

    private static string[] Texts(XmlDocument doc) =>
        doc.GetElementsByTagName("text", Ns).Cast<XmlElement>().Select(e => e.InnerText).ToArray();

    private static Figure Forecast() =>
        Chart.Line(x: Weeks, y: Weeks.Select((_, i) => i == 10 ? double.NaN : 100 + i * 3.0), name: "actual")
            .Add(Chart.Band(x: Weeks, lower: Weeks.Select((_, i) => 90 + i * 3.0), upper: Weeks.Select((_, i) => 110 + i * 3.0), name: "95% interval", color: "#ff7f0e"))
            .Add(Chart.Line(x: Weeks, y: Weeks.Select((_, i) => 101 + i * 3.0), name: "forecast", color: "#ff7f0e", dash: LineDash.Dash))
            .WithTitle("Weekly <sales> & forecast").WithXTitle("week").WithYTitle("units");

    [Fact]
    public void The_svg_is_well_formed_svg_1_1_of_the_figure_size()
    {
        var doc = Parse(Forecast().WithSize(640, 400).ToSvg());
        var root = doc.DocumentElement!;
        Assert.Equal("svg", root.LocalName);
        Assert.Equal(Ns, root.NamespaceURI);
        Assert.Equal("1.1", root.GetAttribute("version"));
        Assert.Equal("640", root.GetAttribute("width"));
        Assert.Equal("400", root.GetAttribute("height"));
        Assert.Equal("sans-serif", root.GetAttribute("font-family"));
    }

    [Fact]
    public void Title_axis_titles_legend_names_and_date_ticks_are_text()
    {
        var texts = Texts(Parse(Forecast().ToSvg()));
        Assert.Contains("Weekly <sales> & forecast", texts);
        Assert.Contains("week", texts);
        Assert.Contains("units", texts);
        Assert.Contains("actual", texts);
        Assert.Contains("95% interval", texts);
        Assert.Contains("forecast", texts);
        Assert.DoesNotContain("95% interval (lower)", texts); // the band's lower edge has no legend entry
        Assert.Contains(texts, t => t.StartsWith("2015-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_value_breaks_the_line_into_two_pieces()
    {
        var doc = Parse(Chart.Line(x: [1.0, 2, 3, 4, 5], y: [1.0, 2, double.NaN, 4, 5]).ToSvg());
        var path = doc.GetElementsByTagName("path", Ns).Cast<XmlElement>().Single(p => p.GetAttribute("fill") == "none");
        Assert.Equal(2, path.GetAttribute("d").Count(c => c == 'M'));
        Assert.Equal(2, path.GetAttribute("d").Count(c => c == 'L'));
    }

    [Fact]
    public void A_band_is_a_translucent_filled_polygon_split_at_gaps()
    {
        var doc = Parse(Chart.Band(x: [1.0, 2, 3, 4, 5], lower: [0.0, 0, double.NaN, 0, 0], upper: [1.0, 1, 1, 1, 1], color: "#2ca02c").ToSvg());
        var fills = doc.GetElementsByTagName("path", Ns).Cast<XmlElement>().Where(p => p.GetAttribute("fill") == "#2ca02c").ToArray();
        Assert.Equal(2, fills.Length);
        Assert.All(fills, p => Assert.Equal("0.2", p.GetAttribute("fill-opacity")));
        Assert.All(fills, p => Assert.EndsWith("Z", p.GetAttribute("d"), StringComparison.Ordinal));
    }

    [Fact]
    public void Bars_are_rectangles_in_the_trace_colour_with_category_labels()
    {
        var doc = Parse(Chart.Bar(x: ["Mon", "Tue", "Wed"], y: [3.0, 5, 4], color: "#123456").ToSvg());
        var bars = doc.GetElementsByTagName("rect", Ns).Cast<XmlElement>().Where(r => r.GetAttribute("fill") == "#123456").ToArray();
        Assert.Equal(3, bars.Length);
        var heights = bars.Select(b => double.Parse(b.GetAttribute("height"), CultureInfo.InvariantCulture)).ToArray();
        Assert.True(heights[1] > heights[2] && heights[2] > heights[0]);
        Assert.Equal(heights[0] / 3, heights[1] / 5, 1); // bars start at 0
        Assert.Contains("Wed", Texts(doc));
    }

    [Fact]
    public void Y_ticks_of_a_bar_chart_are_nice_and_start_at_zero()
    {
        var texts = Texts(Parse(Chart.Bar(x: ["a", "b"], y: [37.0, 97]).ToSvg()));
        Assert.Contains("0", texts);
        Assert.Contains("100", texts);
        Assert.DoesNotContain("97", texts);
    }

    [Fact]
    public void Heatmap_cells_merge_runs_and_leave_missing_cells_empty()
    {
        var z = new[] { new[] { 1.0, 1, 1, 0 }, new[] { double.NaN, 0, 0, 0 } };
        var doc = Parse(Chart.Heatmap(z: z, x: ["a", "b", "c", "d"], y: ["s1", "s2"], colorScale: ColorScale.Missing, showScale: false).ToSvg());
        var red = doc.GetElementsByTagName("rect", Ns).Cast<XmlElement>().Where(r => r.GetAttribute("fill") == "#d62728").ToArray();
        var grey = doc.GetElementsByTagName("rect", Ns).Cast<XmlElement>().Where(r => r.GetAttribute("fill") == "#eeeeee").ToArray();
        Assert.Single(red);   // three cells in one run
        Assert.Equal(2, grey.Length); // (s1, d) and (s2, b..d)
        Assert.Contains("s2", Texts(doc));
    }

    [Fact]
    public void Box_plots_draw_box_whiskers_and_outliers()
    {
        double[] values = [.. Enumerable.Range(1, 10).Select(i => (double)i), 50];
        var doc = Parse(Chart.Box(y: values, name: "errors", color: "#9467bd").ToSvg());
        Assert.Single(doc.GetElementsByTagName("circle", Ns).Cast<XmlElement>(), c => c.GetAttribute("fill") == "#9467bd");
        Assert.Single(doc.GetElementsByTagName("rect", Ns).Cast<XmlElement>(), r => r.GetAttribute("fill") == "#9467bd");
        Assert.Contains("errors", Texts(doc));
    }

    [Fact]
    public void Hidden_outliers_do_not_stretch_the_y_axis()
    {
        double[] values = [.. Enumerable.Range(1, 10).Select(i => (double)i), 50];
        var shown = Texts(Parse(Chart.Box(y: values, name: "errors").ToSvg()));
        var hidden = Texts(Parse(Chart.Box(y: values, name: "errors", outliers: false).ToSvg()));
        Assert.Contains("50", shown);
        Assert.DoesNotContain("50", hidden);
        Assert.DoesNotContain("40", hidden);
        Assert.Contains("10", hidden);   // the upper whisker
    }

    [Fact]
    public void Grid_panels_each_get_a_clip_path_and_their_titles()
    {
        var g = Chart.Grid(2, 2,
            Chart.Line(y: [1.0, 2, 3]).WithTitle("one"),
            Chart.Histogram([1.0, 2, 2, 3, 3, 3]).WithTitle("two"),
            Chart.Box(y: [1.0, 2, 3], name: "b").WithTitle("three"),
            Chart.Heatmap(z: new double[,] { { 1, 2 }, { 3, 4 } }).WithTitle("four")).WithTitle("grid");
        var doc = Parse(g.ToSvg());
        Assert.Equal(4, doc.GetElementsByTagName("clipPath", Ns).Count);
        var texts = Texts(doc);
        Assert.All(new[] { "grid", "one", "two", "three", "four", "count" }, t => Assert.Contains(t, texts));
        var ids = doc.GetElementsByTagName("clipPath", Ns).Cast<XmlElement>().Select(e => e.GetAttribute("id")).ToArray();
        Assert.Equal(4, ids.Distinct().Count());
    }

    [Fact]
    public void No_external_resources_and_no_nan_in_the_output()
    {
        var svg = Chart.Line(y: [double.NaN, double.NaN]).Add(Chart.Histogram([])).ToSvg();
        Parse(svg);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("href", Forecast().ToSvg(), StringComparison.Ordinal);
    }
}
