using System.Text.Json;
using Research.Forecasting.Charts;

namespace Research.Forecasting.Tests.Charts;

public sealed class PlotlyJsonTests
{
    private static readonly DateOnly[] Weeks = [new(2015, 1, 5), new(2015, 1, 12), new(2015, 1, 19)];

    private static JsonElement Json(Figure f) => JsonDocument.Parse(f.ToPlotlyJson()).RootElement;

    [Fact]
    public void A_line_over_dates_is_a_scatter_trace_with_iso_dates_and_a_date_axis()
    {
        var j = Json(Chart.Line(x: Weeks, y: [1.5, double.NaN, 3], name: "store 2").WithTitle("Sales").WithXTitle("week").WithYTitle("units"));
        var t = j.GetProperty("data")[0];
        Assert.Equal("scatter", t.GetProperty("type").GetString());
        Assert.Equal("lines", t.GetProperty("mode").GetString());
        Assert.Equal("store 2", t.GetProperty("name").GetString());
        Assert.Equal(["2015-01-05", "2015-01-12", "2015-01-19"], t.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        var y = t.GetProperty("y");
        Assert.Equal(1.5, y[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal("#1f77b4", t.GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("solid", t.GetProperty("line").GetProperty("dash").GetString());
        var layout = j.GetProperty("layout");
        Assert.Equal("Sales", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("date", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("week", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("units", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("linear", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal(800, layout.GetProperty("width").GetInt32());
        Assert.Equal(450, layout.GetProperty("height").GetInt32());
        Assert.False(layout.GetProperty("showlegend").GetBoolean()); // one trace
    }

    [Fact]
    public void Date_times_keep_their_time_of_day()
    {
        var j = Json(Chart.Line(x: [new DateTime(2015, 3, 2), new DateTime(2015, 3, 2, 6, 30, 0)], y: [1.0, 2]));
        Assert.Equal(["2015-03-02", "2015-03-02 06:30:00"], j.GetProperty("data")[0].GetProperty("x").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Numbers_ints_and_strings_give_linear_and_category_axes()
    {
        var numeric = Json(Chart.Line(x: [1, 2, 3], y: [1.0, 2, 3]));
        Assert.Equal("linear", numeric.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal(2, numeric.GetProperty("data")[0].GetProperty("x")[1].GetDouble());
        var category = Json(Chart.Bar(x: ["Mon", "Tue"], y: [3.0, 4]));
        Assert.Equal("category", category.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("bar", category.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.Equal("Tue", category.GetProperty("data")[0].GetProperty("x")[1].GetString());
    }

    [Fact]
    public void A_band_is_a_hidden_lower_edge_and_an_upper_edge_filled_to_it()
    {
        var f = Chart.Line(x: Weeks, y: [1.0, 2, 3], name: "actual")
            .Add(Chart.Band(x: Weeks, lower: [0.5, 1, 2], upper: [2.0, 3, 4], name: "95% interval", color: "#ff7f0e"));
        var data = Json(f).GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        var lower = data[1];
        var upper = data[2];
        Assert.False(lower.GetProperty("showlegend").GetBoolean());
        Assert.Equal(0, lower.GetProperty("line").GetProperty("width").GetDouble());
        Assert.False(lower.TryGetProperty("fill", out _));
        Assert.Equal("tonexty", upper.GetProperty("fill").GetString());
        Assert.Equal("rgba(255,127,14,0.2)", upper.GetProperty("fillcolor").GetString());
        Assert.True(upper.GetProperty("showlegend").GetBoolean());
        Assert.Equal(lower.GetProperty("legendgroup").GetString(), upper.GetProperty("legendgroup").GetString());
        Assert.True(Json(f).GetProperty("layout").GetProperty("showlegend").GetBoolean());
    }

    [Fact]
    public void A_correlogram_is_bars_per_lag_and_dashed_bounds_listed_once_in_the_legend()
    {
        var data = Json(Chart.Correlogram(values: [0.5, -0.25, 0.125], bound: 0.2, name: "ACF")).GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        Assert.Equal("bar", data[0].GetProperty("type").GetString());
        Assert.Equal([1.0, 2, 3], data[0].GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0.5, -0.25, 0.125], data[0].GetProperty("y").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0.5, 3.5], data[1].GetProperty("x").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([0.2, 0.2], data[1].GetProperty("y").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([-0.2, -0.2], data[2].GetProperty("y").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("dash", data[2].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("±0.2", data[1].GetProperty("name").GetString());
        Assert.True(data[1].GetProperty("showlegend").GetBoolean());
        Assert.False(data[2].GetProperty("showlegend").GetBoolean());
        Assert.Throws<ArgumentOutOfRangeException>(() => Chart.Correlogram(values: [0.1], bound: double.NaN));
    }

    [Fact]
    public void Colours_come_from_plotlys_colorway_and_a_band_without_colour_shares_one()
    {
        var f = Chart.Line(x: Weeks, y: [1.0, 2, 3]).Add(Chart.Band(x: Weeks, lower: [0.0, 1, 2], upper: [2.0, 3, 4])).Add(Chart.Line(x: Weeks, y: [3.0, 2, 1]));
        var data = Json(f).GetProperty("data");
        Assert.Equal("#1f77b4", data[0].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("#ff7f0e", data[1].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("#ff7f0e", data[2].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("#2ca02c", data[3].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal("trace 0", data[0].GetProperty("name").GetString());
        Assert.Equal("trace 3", data[3].GetProperty("name").GetString());
        Assert.Equal(Palette.Default, Json(f).GetProperty("layout").GetProperty("colorway").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void Markers_and_dashes_use_plotly_names()
    {
        var data = Json(Chart.Scatter(x: [1.0, 2], y: [1.0, 2], size: 8).Add(Chart.Line(x: [1.0, 2], y: [2.0, 1], dash: LineDash.DashDot, markers: true))).GetProperty("data");
        Assert.Equal("markers", data[0].GetProperty("mode").GetString());
        Assert.Equal(8, data[0].GetProperty("marker").GetProperty("size").GetDouble());
        Assert.False(data[0].TryGetProperty("line", out _));
        Assert.Equal("lines+markers", data[1].GetProperty("mode").GetString());
        Assert.Equal("dashdot", data[1].GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void Grouped_and_stacked_bars_set_barmode()
    {
        var bars = Chart.Bar(x: ["a", "b"], y: [1.0, 2], name: "x").Add(Chart.Bar(x: ["a", "b"], y: [3.0, 4], name: "y"));
        Assert.Equal("group", Json(bars).GetProperty("layout").GetProperty("barmode").GetString());
        Assert.Equal("stack", Json(bars.Stacked()).GetProperty("layout").GetProperty("barmode").GetString());
    }

    [Fact]
    public void Histograms_carry_our_bins_and_share_them_when_overlaid()
    {
        var a = Chart.Histogram([0.1, 0.5, 1.7, 2.2, 2.9], name: "a", binSize: 0.5, norm: HistogramNorm.ProbabilityDensity);
        var t = Json(a).GetProperty("data")[0];
        Assert.Equal("histogram", t.GetProperty("type").GetString());
        Assert.Equal("probability density", t.GetProperty("histnorm").GetString());
        var bins = t.GetProperty("xbins");
        Assert.Equal(0, bins.GetProperty("start").GetDouble());
        Assert.Equal(3, bins.GetProperty("end").GetDouble());
        Assert.Equal(0.5, bins.GetProperty("size").GetDouble());

        var two = Chart.Histogram([1.0, 2, 3, 4, 5, 6], name: "narrow").Add(Chart.Histogram([-40.0, 0, 40, 80], name: "wide"));
        var j = Json(two);
        Assert.Equal("overlay", j.GetProperty("layout").GetProperty("barmode").GetString());
        var b0 = j.GetProperty("data")[0].GetProperty("xbins");
        var b1 = j.GetProperty("data")[1].GetProperty("xbins");
        Assert.Equal(b0.GetRawText(), b1.GetRawText());
        Assert.Equal(0.6, j.GetProperty("data")[0].GetProperty("opacity").GetDouble());
    }

    [Fact]
    public void Box_traces_use_the_linear_quartile_method_and_group_labels()
    {
        var j = Json(Chart.Box(x: ["Mon", "Tue", "Mon"], y: [1.0, 2, double.NaN], name: "sales"));
        var t = j.GetProperty("data")[0];
        Assert.Equal("box", t.GetProperty("type").GetString());
        Assert.Equal("linear", t.GetProperty("quartilemethod").GetString());
        Assert.Equal("outliers", t.GetProperty("boxpoints").GetString());
        Assert.Equal(["Mon", "Tue", "Mon"], t.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, t.GetProperty("y")[2].ValueKind);
        Assert.Equal("category", j.GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Boxes_without_points_give_plotly_the_1_5_iqr_statistics_the_svg_draws_not_the_extremes()
    {
        // values 1..9 and an extreme 100: Q1 3.0, median 5.5, Q3 8.0 (linear method), upper whisker 9 (100 > 8 + 1.5 * 5)
        double[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
        var f = Chart.Box(x: Enumerable.Repeat("arima", values.Length), y: values, name: "series MAPE", outliers: false);
        var t = Json(f).GetProperty("data")[0];
        Assert.False(t.TryGetProperty("y", out _));
        Assert.False(t.GetProperty("boxpoints").GetBoolean());
        Assert.Equal(["arima"], t.GetProperty("x").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([3.0], t.GetProperty("q1").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([5.5], t.GetProperty("median").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([8.0], t.GetProperty("q3").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1.0], t.GetProperty("lowerfence").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([9.0], t.GetProperty("upperfence").EnumerateArray().Select(e => e.GetDouble()));
        var stats = BoxStats.Of(values);
        Assert.Equal((3.0, 5.5, 8.0, 1.0, 9.0), (stats.Q1, stats.Median, stats.Q3, stats.LowerWhisker, stats.UpperWhisker));
    }

    [Fact]
    public void Shared_y_axes_give_every_panel_the_union_range_on_nice_ticks()
    {
        var f = Chart.Facets([Chart.Line(x: [1.0, 2], y: [0.2, 0.9]), Chart.Line(x: [1.0, 2], y: [-3.1, 1.4])], columns: 2).WithSharedYAxes();
        Assert.All(f.Panels, p => Assert.Equal((-4.0, 2.0), (p.YAxis.Min!.Value, p.YAxis.Max!.Value)));
        var layout = Json(f).GetProperty("layout");
        Assert.Equal(layout.GetProperty("yaxis").GetProperty("range").GetRawText(), layout.GetProperty("yaxis2").GetProperty("range").GetRawText());
    }

    [Fact]
    public void Heatmaps_write_rows_with_nulls_an_explicit_colour_scale_and_reversed_rows()
    {
        var j = Json(Chart.Heatmap(z: new[] { new[] { 0.0, 1 }, new[] { double.NaN, 0 } }, x: Weeks.Take(2), y: ["s1", "s2"], colorScale: ColorScale.Missing));
        var t = j.GetProperty("data")[0];
        Assert.Equal("heatmap", t.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, t.GetProperty("z")[1][0].ValueKind);
        Assert.Equal(1, t.GetProperty("z")[0][1].GetDouble());
        Assert.Equal("2015-01-12", t.GetProperty("x")[1].GetString());
        Assert.Equal(["s1", "s2"], t.GetProperty("y").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[[0,\"#eeeeee\"],[1,\"#d62728\"]]", t.GetProperty("colorscale").GetRawText());
        Assert.Equal(0, t.GetProperty("zmin").GetDouble());
        Assert.Equal(1, t.GetProperty("zmax").GetDouble());
        Assert.Equal("reversed", j.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("category", j.GetProperty("layout").GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Grid_panels_get_their_own_axes_with_domains_and_titles()
    {
        var g = Chart.Grid(1, 2, Chart.Line(x: [1.0, 2], y: [1.0, 2]).WithTitle("left"), Chart.Bar(x: ["a"], y: [1.0]).WithTitle("right").WithYTitle("units"));
        var j = Json(g);
        var layout = j.GetProperty("layout");
        Assert.Equal("x2", j.GetProperty("data")[1].GetProperty("xaxis").GetString());
        Assert.Equal("y2", j.GetProperty("data")[1].GetProperty("yaxis").GetString());
        Assert.False(j.GetProperty("data")[0].TryGetProperty("xaxis", out _));
        Assert.Equal("category", layout.GetProperty("xaxis2").GetProperty("type").GetString());
        Assert.Equal("y2", layout.GetProperty("xaxis2").GetProperty("anchor").GetString());
        Assert.Equal("units", layout.GetProperty("yaxis2").GetProperty("title").GetProperty("text").GetString());
        var d1 = layout.GetProperty("xaxis").GetProperty("domain");
        var d2 = layout.GetProperty("xaxis2").GetProperty("domain");
        Assert.Equal(0, d1[0].GetDouble());
        Assert.True(d1[1].GetDouble() < d2[0].GetDouble());
        Assert.Equal(1, d2[1].GetDouble(), 6);
        Assert.Equal(["left", "right"], layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public void Facets_fill_rows_and_share_legend_entries_by_name_and_colour()
    {
        var panels = Enumerable.Range(0, 3).Select(i => Chart.Line(x: [1.0, 2], y: [i, i + 1.0], name: "actual").Add(Chart.Line(x: [1.0, 2], y: [i, i + 2.0], name: "forecast")).WithTitle($"store {i}"));
        var f = Chart.Facets(panels, columns: 2);
        Assert.Equal((2, 2), (f.Rows, f.Columns));
        var data = Json(f).GetProperty("data");
        Assert.Equal(6, data.GetArrayLength());
        Assert.Equal([true, true, false, false, false, false], data.EnumerateArray().Select(t => t.GetProperty("showlegend").GetBoolean()));
        Assert.Equal("#ff7f0e", data[5].GetProperty("line").GetProperty("color").GetString());
    }

    [Fact]
    public void The_rendering_holds_the_json_svg_and_html_and_is_laid_out_once_per_figure()
    {
        var f = Chart.Line(x: [1.0, 2], y: [1.0, 2], name: "a").WithTitle("T");
        var r = f.Render();
        Assert.Same(r, f.Render());
        Assert.Equal(f.ToPlotlyJson(), r.PlotlyJson);
        Assert.Equal(f.ToSvg(), r.Svg);
        Assert.Equal(f.ToHtml(), r.Html);
        Assert.DoesNotContain('\n', f.ToString());
        Assert.Equal("Figure \"T\": 1 trace (line \"a\"), 800x450", f.ToString());
    }

    [Fact]
    public void Mismatched_lengths_and_mixed_axis_kinds_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Chart.Line(x: [1.0, 2], y: [1.0]));
        Assert.Throws<ArgumentException>(() => Chart.Band(x: [1.0, 2], lower: [1.0, 2], upper: [1.0]));
        Assert.Throws<ArgumentException>(() => Chart.Line(x: Weeks, y: [1.0, 2, 3]).Add(Chart.Line(x: [1.0, 2], y: [1.0, 2])));
        Assert.Throws<ArgumentException>(() => Chart.Heatmap(z: new[] { new[] { 1.0, 2 } }, x: ["a"]));
        Assert.Throws<InvalidOperationException>(() => Chart.Grid(1, 2, Chart.Line(y: [1.0]), Chart.Line(y: [2.0])).Add(Chart.Line(y: [3.0])));
        Assert.Throws<ArgumentException>(() => Chart.Grid(1, 1, Chart.Line(y: [1.0]), Chart.Line(y: [2.0])));
    }
}
