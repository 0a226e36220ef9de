using Research.Forecasting.Features;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Features;

/// <summary>Synthetic panels for the feature tests (unit tests may use synthetic data).</summary>
internal static class FeaturePanels
{
    public static readonly string[] Competitors = ["price1", "price2", "price3"];

    /// <summary>
    /// Three store x brand series on periods 1..60 (brand 2's series starts at period 5 and misses period 20): a target
    /// with noise, every brand's price, the own price, deal and feat flags, a 0/1 holiday and an observed flag (period 30
    /// unobserved); statics: a number and a category.
    /// </summary>
    public static SeriesPanel Weekly(int seed = 1)
    {
        var random = new Random(seed);
        var b = new PanelBuilder(Frequency.Periods, ["store", "brand"], "units",
            [new ColumnInfo("price1"), new ColumnInfo("price2"), new ColumnInfo("price3"), new ColumnInfo("price"), new ColumnInfo("deal"), new ColumnInfo("feat"),
             new ColumnInfo("holiday"), new ColumnInfo("observed")],
            [new ColumnInfo("income"), new ColumnInfo("format", ["small", "large"])]);
        foreach (var (store, brand, first) in new[] { ("10", "1", 1), ("10", "2", 5), ("7", "3", 1) })
        {
            var t = Enumerable.Range(first, 61 - first).Where(x => !(brand == "2" && x == 20)).Select(x => (long)x).ToArray();
            var prices = Competitors.Select((_, k) => t.Select(x => 2.0 + 0.1 * k + 0.3 * Math.Sin(x / (3.0 + k)) + 0.05 * random.NextDouble()).ToArray()).ToArray();
            var own = prices[int.Parse(brand, System.Globalization.CultureInfo.InvariantCulture) - 1];
            var deal = t.Select(x => x % 6 == 0 ? 1.0 : 0.0).ToArray();
            var feat = t.Select(x => x % 9 == 4 ? 1.0 : 0.0).ToArray();
            var holiday = t.Select(x => x % 13 == 0 ? 1.0 : 0.0).ToArray();
            var observed = t.Select(x => x == 30 ? 0.0 : 1.0).ToArray();
            var y = t.Select((x, k) => Math.Round(100 + 20 * Math.Sin(x / 5.0) + 50 * deal[k] + 10 * random.NextDouble())).ToArray();
            b.Add([store, brand], t, y, [prices[0], prices[1], prices[2], own, deal, feat, holiday, observed], [store == "10" ? 55.5 : 41.0, store == "10" ? 1 : 0]);
        }
        return b.Build();
    }

    /// <summary>Two daily stores over 2015-01-01..2015-03-31 with a promotion, a categorical state holiday and competition-opening statics.</summary>
    public static SeriesPanel Daily(int seed = 2)
    {
        var random = new Random(seed);
        var b = new PanelBuilder(Frequency.Daily, ["Store"], "Sales",
            [new ColumnInfo("Promo"), new ColumnInfo("StateHoliday", ["0", "a", "b"]), new ColumnInfo("SchoolHoliday")],
            [new ColumnInfo("CompetitionOpenSinceYear"), new ColumnInfo("CompetitionOpenSinceMonth"), new ColumnInfo("StoreType", ["a", "b", "c"])]);
        var first = Frequency.Daily.ToOrdinal(new DateOnly(2015, 1, 1));
        foreach (var (store, year, month) in new[] { ("1", 2014.0, 11.0), ("2", double.NaN, double.NaN) })
        {
            var t = Enumerable.Range(0, 90).Select(k => first + k).ToArray();
            var promo = t.Select(x => (x / 7) % 2 == 0 && x % 7 < 5 ? 1.0 : 0.0).ToArray();
            var state = t.Select(x => x % 31 == 0 ? 1.0 : 0.0).ToArray();
            var school = t.Select(x => x % 17 < 3 ? 1.0 : 0.0).ToArray();
            var y = t.Select((x, k) => 5000 + 800 * promo[k] + 300 * Math.Sin(x * 2 * Math.PI / 7) + 100 * random.NextDouble()).ToArray();
            b.Add([store], t, y, [promo, state, school], [year, month, store == "1" ? 0 : 2]);
        }
        return b.Build();
    }

    /// <summary>A copy of <paramref name="panel"/> with the target after <paramref name="lastTarget"/> and the dynamic covariates after <paramref name="lastCovariate"/> replaced by noise.</summary>
    public static SeriesPanel Perturbed(SeriesPanel panel, long lastTarget, long lastCovariate, int seed) =>
        LeakageCheck.Perturb(panel, lastTarget, lastCovariate, seed);
}
