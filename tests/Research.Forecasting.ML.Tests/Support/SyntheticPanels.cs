using Research.Forecasting.Data;

namespace Research.Forecasting.ML.Tests.Support;

/// <summary>Synthetic retail panels with a known demand law (unit tests may use synthetic data).</summary>
internal static class SyntheticPanels
{
    /// <summary>
    /// <paramref name="stores"/> x 2 brands over periods 1..<paramref name="periods"/>: units = exp(level + 0.8·deal −
    /// 2·log(price/2) + 0.3·sin(2πt/13) + noise), noise ~ N(0, <paramref name="noise"/>²), price a slow random walk around
    /// 2 with cuts on deal periods; deal about one period in seven; an observed flag (all 1).
    /// </summary>
    public static SeriesPanel Demand(int stores = 6, int periods = 80, double noise = 0.05, int seed = 5)
    {
        var random = new Random(seed);
        var b = new PanelBuilder(Frequency.Periods, ["store", "brand"], "units",
            [new ColumnInfo("price"), new ColumnInfo("deal"), new ColumnInfo("observed")], [new ColumnInfo("size")]);
        for (var s = 1; s <= stores; s++)
            for (var brand = 1; brand <= 2; brand++)
            {
                var level = 4 + 0.3 * s + 0.5 * brand;
                var t = Enumerable.Range(1, periods).Select(x => (long)x).ToArray();
                var deal = t.Select(_ => random.NextDouble() < 0.15 ? 1.0 : 0.0).ToArray();
                var price = new double[periods];
                var p = 2.0;
                for (var k = 0; k < periods; k++)
                {
                    p = Math.Clamp(p + 0.03 * (random.NextDouble() - 0.5), 1.6, 2.4);
                    price[k] = deal[k] == 1 ? p * 0.8 : p;
                }
                var y = t.Select((x, k) => Math.Round(Math.Exp(level + 0.8 * deal[k] - 2 * Math.Log(price[k] / 2) + 0.3 * Math.Sin(2 * Math.PI * x / 13) + noise * Gaussian(random)))).ToArray();
                b.Add([s.ToString(System.Globalization.CultureInfo.InvariantCulture), brand.ToString(System.Globalization.CultureInfo.InvariantCulture)], t, y,
                    [price, deal, t.Select(_ => 1.0).ToArray()], [s * 10.0]);
            }
        return b.Build();
    }

    public static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
