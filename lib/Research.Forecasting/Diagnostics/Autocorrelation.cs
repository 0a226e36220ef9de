namespace Research.Forecasting.Diagnostics;

/// <summary>
/// Sample autocorrelation and partial autocorrelation, as R's <c>acf</c> and <c>pacf</c>:
/// r_k = c_k / c_0 with c_k = (1/n) Σ_{t=1}^{n−k} (y_t − ȳ)(y_{t+k} − ȳ); with missing values, pairs with a
/// missing side are skipped and the sum is divided by (pairs + k), as R does with <c>na.action = na.pass</c>; the partial autocorrelations φ_kk come from the Durbin-Levinson recursion on r.
/// The approximate 95% bound for white noise is ±1.96/√n. Reference: Box, Jenkins &amp; Reinsel, Time Series Analysis
/// (4th ed.), §2.1 and §3.2.
/// </summary>
public static class Autocorrelation
{
    /// <summary>Autocorrelations r_0..r_maxLag (r_0 = 1).</summary>
    public static double[] Acf(ReadOnlySpan<double> y, int maxLag)
    {
        if (maxLag < 0) throw new ArgumentOutOfRangeException(nameof(maxLag), maxLag, "cannot be negative");
        var n = y.Length;
        if (n < 2) throw new ArgumentException("at least two values are needed", nameof(y));
        var sum = 0.0;
        var count = 0;
        foreach (var v in y) if (!double.IsNaN(v)) { sum += v; count++; }
        if (count < 2) throw new ArgumentException("at least two observed values are needed", nameof(y));
        var mean = sum / count;
        var acov = new double[maxLag + 1];
        for (var k = 0; k <= maxLag && k < n; k++)
        {
            var s = 0.0;
            var pairs = 0;
            for (var t = 0; t + k < n; t++)
            {
                var a = y[t];
                var b = y[t + k];
                if (double.IsNaN(a) || double.IsNaN(b)) continue;
                s += (a - mean) * (b - mean);
                pairs++;
            }
            acov[k] = pairs > 0 ? s / (pairs + k) : double.NaN;
        }
        var r = new double[maxLag + 1];
        for (var k = 0; k <= maxLag; k++) r[k] = k < n ? acov[k] / acov[0] : double.NaN;
        return r;
    }

    /// <summary>Partial autocorrelations φ_11..φ_{maxLag,maxLag} (index 0 is lag 1).</summary>
    public static double[] Pacf(ReadOnlySpan<double> y, int maxLag)
    {
        if (maxLag < 1) throw new ArgumentOutOfRangeException(nameof(maxLag), maxLag, "at least 1");
        var r = Acf(y, maxLag);
        var pacf = new double[maxLag];
        var phi = new double[maxLag + 1];
        var previous = new double[maxLag + 1];
        var v = 1.0;
        for (var k = 1; k <= maxLag; k++)
        {
            var num = r[k];
            for (var j = 1; j < k; j++) num -= previous[j] * r[k - j];
            var phikk = num / v;
            phi[k] = phikk;
            for (var j = 1; j < k; j++) phi[j] = previous[j] - phikk * previous[k - j];
            v *= 1 - phikk * phikk;
            pacf[k - 1] = phikk;
            Array.Copy(phi, previous, k + 1);
        }
        return pacf;
    }

    /// <summary>The approximate 95% white-noise bound ±1.96/√n used by R's ACF plots.</summary>
    public static double WhiteNoiseBound(int n) => 1.959963984540054 / Math.Sqrt(n);
}
