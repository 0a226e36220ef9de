namespace Research.Forecasting.Statistics;

/// <summary>
/// KPSS test of level stationarity (Kwiatkowski, Phillips, Schmidt and Shin 1992) as urca's
/// <c>ur.kpss(type = "mu")</c>: with <c>e_t = y_t - mean(y)</c> and partial sums <c>S_t</c>,
/// <c>eta = sum S_t^2 / (n^2 s^2(l))</c>, where <c>s^2(l) = sum e_t^2 / n + 2/n sum_(k=1..l) (1 - k/(l+1)) sum_t e_t e_(t-k)</c>
/// is the Newey-West long-run variance with Bartlett weights.
/// </summary>
public static class Kpss
{
    /// <summary>Critical values of the level test at 10, 5, 2.5 and 1 percent (KPSS 1992, table 1).</summary>
    public static IReadOnlyList<double> CriticalValues { get; } = [0.347, 0.463, 0.574, 0.739];

    private static readonly double[] Levels = [0.10, 0.05, 0.025, 0.01];

    /// <summary>The lag forecast's <c>ndiffs</c> uses: <c>trunc(3 sqrt(n) / 13)</c> (Hobijn et al. 2004).</summary>
    public static int ForecastLag(int n) => (int)Math.Truncate(3 * Math.Sqrt(n) / 13);

    /// <summary>urca's <c>lags = "short"</c>: <c>trunc(4 (n/100)^0.25)</c>.</summary>
    public static int ShortLag(int n) => (int)Math.Truncate(4 * Math.Pow(n / 100.0, 0.25));

    /// <summary>The level-stationarity statistic of <paramref name="y"/> (missing values dropped) with <paramref name="lag"/> Bartlett lags.</summary>
    public static double Statistic(ReadOnlySpan<double> y, int lag)
    {
        var values = new List<double>(y.Length);
        foreach (var v in y)
            if (!double.IsNaN(v)) values.Add(v);
        var n = values.Count;
        var res = new double[n];
        var mean = Mean(values);
        for (var i = 0; i < n; i++) res[i] = values[i] - mean;
        // cumulative sums and sums of squares in double-double (R accumulates in extended precision)
        var s = new DoubleDouble();
        var ss = new DoubleDouble();
        var e2 = new DoubleDouble();
        foreach (var e in res)
        {
            s.Add(e);
            var st = s.Value;
            ss.Add(st * st);
            e2.Add(e * e);
        }
        var nominator = ss.Value / ((double)n * n);
        var s2 = e2.Value / n;
        double denominator;
        if (lag == 0)
        {
            denominator = s2;
        }
        else
        {
            var acc = 0.0;
            for (var k = 1; k <= lag; k++)
            {
                var cov = 0.0;
                for (var t = 0; t < n - k; t++) cov += res[t + k] * res[t];
                acc += (1 - (double)k / (lag + 1)) * cov;
            }
            denominator = s2 + 2.0 / n * acc;
        }
        return nominator / denominator;
    }

    /// <summary>
    /// p-value by linear interpolation in the table of critical values, clamped to [0.01, 0.10] (forecast's
    /// <c>urca_pval</c>: <c>approx(cval, c(0.1, 0.05, 0.025, 0.01), stat, rule = 2)</c>). NaN stays NaN.
    /// </summary>
    public static double PValue(double statistic)
    {
        if (double.IsNaN(statistic)) return double.NaN;
        var c = CriticalValues;
        if (statistic <= c[0]) return Levels[0];
        if (statistic >= c[^1]) return Levels[^1];
        for (var i = 1; i < c.Count; i++)
            if (statistic <= c[i])
                return Levels[i - 1] + (Levels[i] - Levels[i - 1]) * (statistic - c[i - 1]) / (c[i] - c[i - 1]);
        return Levels[^1];
    }

    /// <summary>R's <c>mean</c>: the sum in extended precision, then one refinement pass.</summary>
    internal static double Mean(IReadOnlyList<double> x)
    {
        var n = x.Count;
        var s = new DoubleDouble();
        foreach (var v in x) s.Add(v);
        var m = s.Value / n;
        if (!double.IsFinite(m)) return m;
        var t = new DoubleDouble();
        foreach (var v in x) t.Add(v - m);
        return m + t.Value / n;
    }
}

/// <summary>A compensated (double-double) accumulator, standing in for R's long-double sums.</summary>
internal struct DoubleDouble
{
    private double _hi, _lo;

    public void Add(double x)
    {
        var s = _hi + x;
        var bp = s - _hi;
        _lo += (_hi - (s - bp)) + (x - bp);
        _hi = s;
    }

    public readonly double Value => _hi + _lo;
}
