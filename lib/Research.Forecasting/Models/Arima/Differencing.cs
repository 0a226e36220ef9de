using Research.Forecasting.Statistics;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// How many differences a series needs, as forecast 8.20's <c>ndiffs</c> and <c>nsdiffs</c>: repeated KPSS
/// tests at level <c>alpha</c> (lag <c>trunc(3 sqrt(n) / 13)</c>) for regular differences, and the seasonal
/// strength of an STL decomposition above 0.64 for a seasonal difference (Wang, Smith and Hyndman 2006).
/// </summary>
public static class Differencing
{
    /// <summary>Seasonal strength above which <see cref="SeasonalDifferences"/> takes a seasonal difference.</summary>
    public const double SeasonalStrengthThreshold = 0.64;

    /// <summary>
    /// forecast's <c>ndiffs(x, test = "kpss")</c>: differences the series while the KPSS p-value is below
    /// <paramref name="alpha"/> (clamped to [0.01, 0.1]), at most <paramref name="maxD"/> times. Missing values are dropped.
    /// </summary>
    public static int Differences(ReadOnlySpan<double> x, double alpha = 0.05, int maxD = 2)
    {
        alpha = Math.Clamp(alpha, 0.01, 0.1);
        var values = new List<double>(x.Length);
        foreach (var v in x)
            if (!double.IsNaN(v)) values.Add(v);
        var cur = values.ToArray();
        var d = 0;
        if (IsConstant(cur)) return d;
        var dodiff = KpssSaysDifference(cur, alpha);
        if (dodiff is null) return d;
        while (dodiff == true && d < maxD)
        {
            d++;
            cur = Diff(cur, 1);
            if (IsConstant(cur)) return d;
            dodiff = KpssSaysDifference(cur, alpha);
            if (dodiff is null) return d - 1;
        }
        return d;
    }

    /// <summary>KPSS p-value below alpha; null when the statistic is undefined.</summary>
    private static bool? KpssSaysDifference(double[] x, double alpha)
    {
        if (x.Length < 2) return false;
        var p = Kpss.PValue(Kpss.Statistic(x, Kpss.ForecastLag(x.Length)));
        return double.IsNaN(p) ? null : p < alpha;
    }

    /// <summary>
    /// forecast's <c>nsdiffs(x, test = "seas")</c>: seasonal differences (period <paramref name="period"/>, at most
    /// <paramref name="maxD"/>) while the <see cref="SeasonalStrength"/> exceeds 0.64. Returns 0 for a constant
    /// series or one no longer than a period; a decomposition that fails (fewer than two periods) counts as no difference.
    /// </summary>
    public static int SeasonalDifferences(ReadOnlySpan<double> x, int period, int maxD = 1)
    {
        if (period <= 1) throw new ArgumentException("Non seasonal data", nameof(period));
        var cur = x.ToArray();
        var d = 0;
        if (IsConstant(cur)) return d;
        if (period >= cur.Length) return 0;
        var dodiff = SeasonalTest(cur, period);
        while (dodiff && d < maxD)
        {
            d++;
            cur = Diff(cur, period);
            if (IsConstant(cur)) return d;
            dodiff = cur.Length >= 2 * period && d < maxD && SeasonalTest(cur, period);
        }
        return d;
    }

    private static bool SeasonalTest(double[] x, int period)
    {
        var s = SeasonalStrength(x, period);
        return !double.IsNaN(s) && s > SeasonalStrengthThreshold;
    }

    /// <summary>
    /// forecast's <c>seas.heuristic</c>: <c>max(0, min(1, 1 - var(R) / var(R + S)))</c> from an STL decomposition
    /// (forecast's <c>mstl</c>: <c>s.window = 11</c>) with remainder R and seasonal S; NaN when the series has at most
    /// two periods. Missing values are filled by linear interpolation before decomposing (forecast uses its
    /// STL-based <c>na.interp</c> when there are more than two periods of data) and left out of the variances.
    /// </summary>
    public static double SeasonalStrength(ReadOnlySpan<double> x, int period)
    {
        var n = x.Length;
        if (period < 2 || n <= 2 * period) return double.NaN;
        var filled = InterpolateMissing(x);
        if (filled is null) return double.NaN;
        var stl = Stl.Decompose(filled, period, sWindow: 11);
        var remainder = new List<double>(n);
        var withSeason = new List<double>(n);
        for (var t = 0; t < n; t++)
        {
            if (double.IsNaN(x[t])) continue;
            var r = filled[t] - stl.Seasonal[t] - stl.Trend[t];
            remainder.Add(r);
            withSeason.Add(r + stl.Seasonal[t]);
        }
        var vare = Variance(remainder);
        var strength = 1 - vare / Variance(withSeason);
        return Math.Max(0, Math.Min(1, strength));
    }

    private static double[]? InterpolateMissing(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var idx = new List<int>();
        for (var t = 0; t < n; t++)
            if (!double.IsNaN(x[t])) idx.Add(t);
        if (idx.Count == 0) return null;
        var y = x.ToArray();
        if (idx.Count == n) return y;
        for (var t = 0; t < n; t++)
        {
            if (!double.IsNaN(y[t])) continue;
            var k = idx.BinarySearch(t);
            k = ~k;
            if (k == 0) y[t] = x[idx[0]];
            else if (k == idx.Count) y[t] = x[idx[^1]];
            else
            {
                int a = idx[k - 1], b = idx[k];
                y[t] = x[a] + (x[b] - x[a]) * (t - a) / (b - a);
            }
        }
        return y;
    }

    private static double Variance(List<double> v)
    {
        var n = v.Count;
        if (n < 2) return double.NaN;
        var mean = Kpss.Mean(v);
        var s = new DoubleDouble();
        foreach (var e in v) s.Add((e - mean) * (e - mean));
        return s.Value / (n - 1);
    }

    /// <summary>R's <c>diff(x, lag)</c>: <c>x[t + lag] - x[t]</c>, <paramref name="lag"/> values shorter (empty when the series is not longer than the lag).</summary>
    public static double[] Diff(ReadOnlySpan<double> x, int lag)
    {
        if (x.Length <= lag) return [];
        var d = new double[x.Length - lag];
        for (var t = 0; t < d.Length; t++) d[t] = x[t + lag] - x[t];
        return d;
    }

    /// <summary>
    /// forecast's <c>is.constant</c>: <c>all.equal(x, rep(x[1], n))</c> — missing values must match (so a series with
    /// some missing values is not constant) and the mean relative difference of the unequal values is at most 1.5e-8.
    /// </summary>
    public static bool IsConstant(ReadOnlySpan<double> x)
    {
        if (x.Length == 0) return true;
        var first = x[0];
        if (double.IsNaN(first))
        {
            foreach (var v in x)
                if (!double.IsNaN(v)) return false;
            return true;
        }
        double sumDiff = 0, sumAbs = 0;
        var count = 0;
        foreach (var v in x)
        {
            if (double.IsNaN(v)) return false;
            if (v == first) continue;
            sumDiff += Math.Abs(v - first);
            sumAbs += Math.Abs(v);
            count++;
        }
        if (count == 0) return true;
        const double tolerance = 1.5e-8;
        var xy = sumDiff / count;
        var xn = sumAbs / count;
        if (double.IsFinite(xn) && xn > tolerance) xy /= xn;
        return xy <= tolerance;
    }
}
