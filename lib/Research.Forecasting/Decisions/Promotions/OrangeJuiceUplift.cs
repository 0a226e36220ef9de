using MathNet.Numerics.Distributions;
using Research.Forecasting.Data;

namespace Research.Forecasting.Decisions.Promotions;

/// <summary>
/// Uplift of orange-juice promotions (<c>deal</c>, <c>feat</c> or both) on held-out weeks: each brand's log-log
/// regression (<see cref="PriceElasticity"/>) is fitted on weeks up to <c>cutoff</c>; for every later store-week with the
/// promotion on, the forecast with it is <c>exp(x'b + s^2/2)</c> and without it the same with the promotion terms set to
/// zero. Interval: parametric, the promotion coefficients drawn from their joint normal
/// <c>N(b, s^2 (X'X)^-1)</c> per brand (other coefficients held at their estimates), percentile interval of the
/// total relative uplift.
/// </summary>
public static class OrangeJuiceUplift
{
    /// <summary>Estimates the uplift of <paramref name="promotions"/> (subset of <c>deal</c>, <c>feat</c>) after week <paramref name="cutoff"/>.</summary>
    public static UpliftEstimate Estimate(SeriesPanel panel, long cutoff, IReadOnlyList<string> promotions, UpliftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new UpliftOptions();
        if (promotions.Count == 0 || promotions.Any(p => p is not ("deal" or "feat")))
            throw new ArgumentException("promotions are deal and/or feat", nameof(promotions));
        var model = PriceElasticity.Fit(panel, new ElasticityOptions { LastWeek = cutoff });
        var rng = new Random(options.Seed);
        var drawsWith = new double[options.Draws];
        var drawsWithout = new double[options.Draws];
        var groups = new List<UpliftGroup>();
        foreach (var fit in model.Brands)
        {
            var test = ElasticityDesign.Build(panel, fit.Brand, new ElasticityOptions { FirstWeek = cutoff + 1 });
            var k = fit.Names.Count;
            var promo = promotions.Select(fit.IndexOf).ToArray();
            var n = test.Rows;
            var known = new HashSet<string>(fit.StoreLevels);
            var rows = new List<(double Base, double[] Z, double Actual)>();
            var promoColumns = promo.Select(j => test.Column(fit.Names[j])).ToArray();
            var core = fit.Names.Select(name => name.StartsWith("store_", StringComparison.Ordinal) ? -1 : test.Column(name)).ToArray();
            for (var i = 0; i < n; i++)
            {
                var z = promoColumns.Select(c => test.X[i + c * n]).ToArray();
                if (z.All(v => v == 0) || !known.Contains(test.Stores[i])) continue;
                var eta = fit.Sigma2 / 2;
                for (var j = 0; j < k; j++)
                {
                    if (promo.Contains(j)) continue;
                    var x = core[j] >= 0 ? test.X[i + core[j] * n] : (fit.Names[j] == "store_" + test.Stores[i] ? 1.0 : 0.0);
                    eta += fit.Coefficients[j] * x;
                }
                rows.Add((eta, z, Math.Exp(test.Y[i])));
            }
            var b = promo.Select(j => fit.Coefficients[j]).ToArray();
            double with = 0, without = 0;
            foreach (var r in rows)
            {
                with += Math.Exp(r.Base + Dot(b, r.Z));
                without += Math.Exp(r.Base);
            }
            groups.Add(new UpliftGroup($"brand {fit.Brand}", rows.Count, rows.Sum(r => r.Actual), with, without));
            // parametric draws of the promotion coefficients: b + L e, L the Cholesky factor of their covariance
            var l = Cholesky(promo.Select(i => promo.Select(j => fit.Covariance[i * k + j]).ToArray()).ToArray());
            for (var d = 0; d < options.Draws; d++)
            {
                var e = promo.Select(_ => Normal.Sample(rng, 0, 1)).ToArray();
                var bd = new double[b.Length];
                for (var i = 0; i < b.Length; i++)
                {
                    bd[i] = b[i];
                    for (var j = 0; j <= i; j++) bd[i] += l[i][j] * e[j];
                }
                foreach (var r in rows)
                {
                    drawsWith[d] += Math.Exp(r.Base + Dot(bd, r.Z));
                    drawsWithout[d] += Math.Exp(r.Base);
                }
            }
        }
        var (low, high) = PercentileInterval(drawsWith.Select((w, d) => 100 * (w - drawsWithout[d]) / drawsWithout[d]).ToArray(), options.Level);
        return new UpliftEstimate("orange juice", string.Join("+", promotions), $"log-log regression per brand, weeks <= {cutoff}; parametric interval",
            groups.Sum(g => g.Periods), groups.Sum(g => g.Actual), groups.Sum(g => g.With), groups.Sum(g => g.Without), low, high, options.Level, groups);
    }

    internal static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    internal static double[][] Cholesky(double[][] a)
    {
        var n = a.Length;
        var l = new double[n][];
        for (var i = 0; i < n; i++)
        {
            l[i] = new double[n];
            for (var j = 0; j <= i; j++)
            {
                var s = a[i][j];
                for (var m = 0; m < j; m++) s -= l[i][m] * l[j][m];
                l[i][j] = i == j ? Math.Sqrt(Math.Max(s, 0)) : (l[j][j] > 0 ? s / l[j][j] : 0);
            }
        }
        return l;
    }

    /// <summary>Central percentile interval (type 7 quantiles) of <paramref name="values"/>.</summary>
    internal static (double Low, double High) PercentileInterval(double[] values, double level)
    {
        if (values.Length == 0) return (double.NaN, double.NaN);
        var sorted = values.Order().ToArray();
        return (Quantile(sorted, (1 - level) / 2), Quantile(sorted, (1 + level) / 2));
    }

    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
