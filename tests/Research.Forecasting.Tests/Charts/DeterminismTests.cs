using System.Globalization;
using Research.Forecasting.Charts;

namespace Research.Forecasting.Tests.Charts;

public sealed class DeterminismTests
{
    private static Figure Sample() => Chart.Grid(1, 2,
        Chart.Line(x: Enumerable.Range(0, 20).Select(i => new DateOnly(2015, 1, 5).AddDays(7 * i)), y: Enumerable.Range(0, 20).Select(i => 1000.5 + Math.Sin(i) * 123.456), name: "store 2")
            .Add(Chart.Band(x: Enumerable.Range(0, 20).Select(i => new DateOnly(2015, 1, 5).AddDays(7 * i)), lower: Enumerable.Range(0, 20).Select(i => 900.25 + i), upper: Enumerable.Range(0, 20).Select(i => 1100.75 + i), name: "95%")),
        Chart.Histogram(Enumerable.Range(0, 200).Select(i => Math.Sin(i * 0.37) * 2.5), name: "errors"))
        .WithTitle("Determinism");

    [Fact]
    public void The_same_figure_serialises_to_identical_bytes()
    {
        Assert.Equal(Sample().ToPlotlyJson(), Sample().ToPlotlyJson());
        Assert.Equal(Sample().ToSvg(), Sample().ToSvg());
        Assert.Equal(Sample().ToHtml(), Sample().ToHtml());
    }

    [Fact]
    public void Output_uses_dot_decimals_under_a_comma_culture()
    {
        var invariant = (Sample().ToPlotlyJson(), Sample().ToSvg(), Sample().ToHtml());
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CommaCulture();
            Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture)); // the culture really writes commas
            var json = Sample().ToPlotlyJson();
            var svg = Sample().ToSvg();
            Assert.Equal(invariant, (json, svg, Sample().ToHtml()));
            Assert.Contains("1000.5", json, StringComparison.Ordinal);
            Assert.Matches("x=\"\\d+\\.\\d+\"", svg);
            Assert.DoesNotMatch("(x|y|width|height)=\"-?\\d+,\\d", svg);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>de-DE, or (under invariant globalization, where de-DE has no data) a copy of the invariant culture with de-DE's separators.</summary>
    private static CultureInfo CommaCulture()
    {
        try
        {
            var de = new CultureInfo("de-DE");
            if (de.NumberFormat.NumberDecimalSeparator == ",") return de;
        }
        catch (CultureNotFoundException)
        {
        }
        var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        c.NumberFormat.NumberDecimalSeparator = ",";
        c.NumberFormat.NumberGroupSeparator = ".";
        return c;
    }
}
