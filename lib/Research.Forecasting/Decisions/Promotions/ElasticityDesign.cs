using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Decisions.Promotions;

/// <summary>
/// The design matrix of one brand's log-log demand regression on orange juice (the classic Dominick's analysis,
/// Montgomery 1997; Rossi, Allenby and McCulloch 2005, ch. 7):
/// <c>log q_{s,t} = a + sum_j b_j log p_{j,s,t} + g_d deal_{s,t} + g_f feat_{s,t} + u_s + e_{s,t}</c>, rows the brand's
/// observed store-weeks ordered by store then week, columns <c>const</c>, <c>logprice1..logprice11</c>, <c>deal</c>,
/// <c>feat</c> and, with store effects, <c>store_&lt;id&gt;</c> for every store but the first (ascending store number).
/// <c>b_own</c> is the own-price elasticity, <c>b_j</c> (j != own) the cross-price elasticities.
/// </summary>
/// <param name="Brand">The brand (1..11).</param>
/// <param name="Names">Column names, in order.</param>
/// <param name="Y">Log units, one per row.</param>
/// <param name="X">Regressors, column-major <c>Rows x Names.Count</c>.</param>
/// <param name="Stores">Store of every row.</param>
/// <param name="Weeks">Week of every row.</param>
/// <param name="StoreLevels">Stores in column order (the first is the baseline).</param>
public sealed record ElasticityDesign(
    int Brand, IReadOnlyList<string> Names, double[] Y, double[] X, string[] Stores, long[] Weeks, IReadOnlyList<string> StoreLevels)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Y.Length;

    /// <summary>Index of the column named <paramref name="name"/>.</summary>
    public int Column(string name)
    {
        for (var j = 0; j < Names.Count; j++)
            if (Names[j] == name) return j;
        throw new KeyNotFoundException($"no column {name} in the design of brand {Brand}");
    }

    /// <summary>The regressor names before the store dummies.</summary>
    public static IReadOnlyList<string> CoreNames { get; } =
        ["const", .. Enumerable.Range(1, Datasets.OrangeJuice.Brands).Select(b => $"logprice{b}"), "deal", "feat"];

    /// <summary>
    /// Builds the design of <paramref name="brand"/> from the orange-juice panel (<see cref="Datasets.OrangeJuice.Load"/>:
    /// target units, covariates <c>price1..price11</c>, <c>deal</c>, <c>feat</c>), rows with a missing or non-positive
    /// target left out (log of zero), weeks within the options' window. Store levels come from the rows kept.
    /// </summary>
    public static ElasticityDesign Build(SeriesPanel panel, int brand, ElasticityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new ElasticityOptions();
        var brandIx = IndexOfKey(panel, "brand");
        var storeIx = IndexOfKey(panel, "store");
        var series = panel.Series
            .Where(s => s.Key[brandIx] == brand.ToString(CultureInfo.InvariantCulture))
            .OrderBy(s => StoreNumber(s.Key[storeIx]))
            .ToArray();
        var y = new List<double>();
        var stores = new List<string>();
        var weeks = new List<long>();
        var core = new List<double[]>();
        var first = options.FirstWeek ?? long.MinValue;
        var last = options.LastWeek ?? long.MaxValue;
        foreach (var s in series)
        {
            var target = s.Target;
            var time = s.Time;
            var prices = Enumerable.Range(1, Datasets.OrangeJuice.Brands).Select(b => s.Dynamic($"price{b}").ToArray()).ToArray();
            var deal = s.Dynamic("deal");
            var feat = s.Dynamic("feat");
            for (var t = 0; t < s.Length; t++)
            {
                if (time[t] < first || time[t] > last || !(target[t] > 0)) continue;
                var row = new double[CoreNames.Count];
                row[0] = 1.0;
                for (var b = 0; b < prices.Length; b++) row[1 + b] = Math.Log(prices[b][t]);
                row[^2] = deal[t];
                row[^1] = feat[t];
                y.Add(Math.Log(target[t]));
                core.Add(row);
                stores.Add(s.Key[storeIx]);
                weeks.Add(time[t]);
            }
        }
        if (y.Count == 0) throw new ArgumentException($"brand {brand} has no rows in the window", nameof(brand));
        var levels = stores.Distinct().OrderBy(StoreNumber).ToArray();
        var dummies = options.StoreEffects ? levels[1..] : [];
        var names = new List<string>(CoreNames);
        names.AddRange(dummies.Select(d => $"store_{d}"));
        var n = y.Count;
        var x = new double[n * names.Count];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < CoreNames.Count; j++) x[i + j * n] = core[i][j];
        var dummyIndex = dummies.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => CoreNames.Count + p.i, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
            if (dummyIndex.TryGetValue(stores[i], out var j)) x[i + j * n] = 1.0;
        return new ElasticityDesign(brand, names, [.. y], x, [.. stores], [.. weeks], levels);
    }

    private static int IndexOfKey(SeriesPanel panel, string name)
    {
        for (var i = 0; i < panel.KeyNames.Count; i++)
            if (panel.KeyNames[i] == name) return i;
        throw new ArgumentException($"the panel has no key column {name} (keys: {string.Join(", ", panel.KeyNames)})", nameof(panel));
    }

    private static double StoreNumber(string store) =>
        double.TryParse(store, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.MaxValue;
}
