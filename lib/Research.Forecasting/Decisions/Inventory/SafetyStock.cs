namespace Research.Forecasting.Decisions.Inventory;

/// <summary>
/// Safety stock from forecast errors <c>e = actual − forecast</c> over a protection interval of <c>L + 1</c> periods
/// (lead time L plus the one-period review): the stock above the forecast of the interval's demand that covers its
/// demand with probability α (the cycle service level). Silver, Pyke and Thomas (2017), <i>Inventory and Production
/// Management in Supply Chains</i>, 4th ed., ch. 6 (normal errors) and Trapero, Cardós and Kourentzes (2019),
/// "Empirical safety stock estimation based on kernel and GARCH models", Omega 84 (empirical quantiles).
/// </summary>
public static class SafetyStock
{
    /// <summary>
    /// Normal errors, independent across periods: <c>SS = (L+1)·ē + z_α·s·√(L+1)</c> with ē the mean error (the bias a
    /// forecast shows is added back) and s the sample standard deviation (n − 1). NaN errors are skipped; NaN with fewer
    /// than two errors.
    /// </summary>
    public static double Normal(IEnumerable<double> errors, int leadTime, double serviceLevel)
    {
        Check(leadTime, serviceLevel);
        var e = errors.Where(double.IsFinite).ToArray();
        if (e.Length < 2) return double.NaN;
        var mean = e.Average();
        var sd = Math.Sqrt(e.Sum(x => (x - mean) * (x - mean)) / (e.Length - 1));
        var periods = leadTime + 1;
        return periods * mean + Z(serviceLevel) * sd * Math.Sqrt(periods);
    }

    /// <summary>
    /// Empirical: the <paramref name="serviceLevel"/> quantile (linear interpolation, R type 7) of the sums of L + 1
    /// consecutive errors of <paramref name="errors"/> (in time order; NaN errors skipped first). With fewer than
    /// L + 1 errors, NaN. The result can be negative when the forecasts are biased high.
    /// </summary>
    public static double Empirical(IEnumerable<double> errors, int leadTime, double serviceLevel)
    {
        Check(leadTime, serviceLevel);
        var e = errors.Where(double.IsFinite).ToArray();
        var periods = leadTime + 1;
        if (e.Length < periods) return double.NaN;
        var sums = new double[e.Length - periods + 1];
        for (var i = 0; i < sums.Length; i++)
            for (var k = 0; k < periods; k++) sums[i] += e[i + k];
        Array.Sort(sums);
        return Quantile(sums, serviceLevel);
    }

    /// <summary>The safety stock by <paramref name="method"/>.</summary>
    public static double Of(SafetyStockMethod method, IEnumerable<double> errors, int leadTime, double serviceLevel) => method switch
    {
        SafetyStockMethod.Normal => Normal(errors, leadTime, serviceLevel),
        SafetyStockMethod.Empirical => Empirical(errors, leadTime, serviceLevel),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>The standard normal quantile z_α.</summary>
    public static double Z(double serviceLevel) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, serviceLevel);

    /// <summary>R's type-7 quantile of sorted values.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void Check(int leadTime, double serviceLevel)
    {
        if (leadTime < 0) throw new ArgumentException($"the lead time must be at least 0 periods, got {leadTime}", nameof(leadTime));
        if (!(serviceLevel > 0 && serviceLevel < 1)) throw new ArgumentException($"the service level must be in (0, 1), got {serviceLevel}", nameof(serviceLevel));
    }
}
