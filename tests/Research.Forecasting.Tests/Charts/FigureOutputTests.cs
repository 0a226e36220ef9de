using System.Text.Json;
using System.Xml;
using Research.Forecasting.Charts;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Charts;

public sealed class FigureOutputTests
{
    private static Figure Sample() =>
        Chart.Line(x: [new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 12)], y: [1.0, 2], name: "a").Add(Chart.Line(x: [new DateOnly(2015, 1, 5), new DateOnly(2015, 1, 12)], y: [2.0, 1], name: "b")).WithTitle("Sample");

    [Fact]
    public void Html_embeds_the_svg_and_the_plotly_json_with_a_plotly_switch()
    {
        var f = Sample();
        var html = f.ToHtml();
        Assert.Contains(f.ToSvg().TrimEnd(), html, StringComparison.Ordinal);
        const string open = "<script type=\"application/json\" class=\"rf-chart-plotly\">";
        var start = html.IndexOf(open, StringComparison.Ordinal) + open.Length;
        var json = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        Assert.Equal(f.ToPlotlyJson(), json);
        Assert.Contains("window.Plotly", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_breaking_text_is_escaped_inside_the_embedded_json()
    {
        var html = Sample().WithTitle("</script><b>").ToHtml();
        Assert.DoesNotContain("</script><b>", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("</script>").Length - 1); // only the two script elements close
        Assert.Contains("&lt;/script&gt;&lt;b&gt;", html, StringComparison.Ordinal); // the SVG title
    }

    [Fact]
    public void Saved_files_are_complete_and_overwritten_without_leftovers()
    {
        using var temp = new TempFiles();
        var dir = Path.GetDirectoryName(temp.Write("placeholder.txt", ""))!;
        var svgPath = Path.Combine(dir, "out", "chart.svg");
        var htmlPath = Path.Combine(dir, "out", "chart.html");
        var jsonPath = Path.Combine(dir, "out", "chart.json");
        Chart.Line(y: [1.0]).SaveSvg(svgPath);
        var f = Sample();
        f.SaveSvg(svgPath);
        f.SaveHtml(htmlPath);
        f.SavePlotlyJson(jsonPath);
        Assert.Equal(f.ToSvg(), File.ReadAllText(svgPath));
        new XmlDocument { XmlResolver = null }.Load(svgPath);
        var html = File.ReadAllText(htmlPath);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Sample</title>", html, StringComparison.Ordinal);
        Assert.Contains(f.ToHtml().TrimEnd(), html, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(jsonPath));
        Assert.Equal(2, doc.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(["chart.html", "chart.json", "chart.svg"], Directory.GetFiles(Path.Combine(dir, "out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void With_methods_return_new_figures_and_leave_the_original()
    {
        var f = Sample();
        var g = f.WithTitle("Other").WithSize(400, 300).WithXTitle("x").WithLegend(false);
        Assert.Equal("Sample", f.Title);
        Assert.Null(f.Panels[0].XAxis.Title);
        Assert.Equal((800, 450), (f.Width, f.Height));
        Assert.Equal("Other", g.Title);
        Assert.Equal("x", g.Panels[0].XAxis.Title);
        Assert.Equal((400, 300), (g.Width, g.Height));
        using var doc = JsonDocument.Parse(g.ToPlotlyJson());
        Assert.False(doc.RootElement.GetProperty("layout").GetProperty("showlegend").GetBoolean());
    }

    [Fact]
    public void Combine_overlays_traces_in_order()
    {
        var f = Figure.Combine(Chart.Line(y: [1.0], name: "a"), Chart.Scatter(x: [0.0], y: [2.0], name: "b"), Chart.Bar(x: [0.0], y: [3.0], name: "c"));
        Assert.Single(f.Panels);
        Assert.Equal(["a", "b", "c"], f.Traces.Select(t => t.Name));
    }
}
