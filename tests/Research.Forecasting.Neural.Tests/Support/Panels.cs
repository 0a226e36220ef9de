using Research.Forecasting.Benchmarks;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;

namespace Research.Forecasting.Neural.Tests.Support;

/// <summary>Panels for the tests: small synthetic ones with known values, and a slice of the real orange-juice data.</summary>
public static class Panels
{
    private static readonly Lazy<SeriesPanel> Oj = new(() => OrangeJuiceBenchmark.Prepare(OrangeJuice.Load()));

    /// <summary>The OJ benchmark panel (weeks 40..160, filled), first <paramref name="series"/> series.</summary>
    public static SeriesPanel OrangeJuiceSlice(int series) => Oj.Value.Take(series);

    /// <summary>
    /// Series k (key a=k, b=k%2) over periods 1..n: target <c>100 + 10k + t + 5·promo_t</c>, promo = 1 every third period,
    /// static <c>size = k</c>.
    /// </summary>
    public static SeriesPanel Linear(int seriesCount, int n)
    {
        var b = new PanelBuilder(Frequency.Periods, ["a", "b"], "y", [new ColumnInfo("promo")], [new ColumnInfo("size")]);
        for (var k = 0; k < seriesCount; k++)
        {
            var time = Enumerable.Range(1, n).Select(t => (long)t).ToArray();
            var promo = time.Select(t => t % 3 == 0 ? 1.0 : 0).ToArray();
            var y = time.Select((t, i) => 100 + 10.0 * k + t + 5 * promo[i]).ToArray();
            b.Add([k.ToString(System.Globalization.CultureInfo.InvariantCulture), (k % 2).ToString(System.Globalization.CultureInfo.InvariantCulture)], time, y, [promo], [k]);
        }
        return b.Build();
    }
}
