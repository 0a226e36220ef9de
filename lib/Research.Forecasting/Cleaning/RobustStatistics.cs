namespace Research.Forecasting.Cleaning;

/// <summary>Median, MAD and the seasonal Hampel filter, skipping NaN.</summary>
public static class RobustStatistics
{
    /// <summary>Consistency constant: 1.4826 x MAD estimates the standard deviation of normal data.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>Median of the non-NaN values (NaN when there are none). Does not modify <paramref name="values"/>.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        var buffer = new List<double>(values.Length);
        foreach (var v in values) if (!double.IsNaN(v)) buffer.Add(v);
        return MedianInPlace(buffer);
    }

    internal static double MedianInPlace(List<double> buffer)
    {
        if (buffer.Count == 0) return double.NaN;
        buffer.Sort();
        var n = buffer.Count;
        return n % 2 == 1 ? buffer[n / 2] : 0.5 * (buffer[n / 2 - 1] + buffer[n / 2]);
    }

    /// <summary>
    /// Seasonal Hampel filter on a robust decomposition <c>x = T + S + e</c>, iterated twice from <c>T = 0</c>:
    /// seasonal <c>S(k)</c> = median of <c>x - T</c> over periods with <c>t mod m = k</c>, centred to median zero
    /// (no seasonal term when <c>m = 1</c>); trend <c>T(t)</c> = median of <c>x - S</c> over the periods within
    /// <c>window/2</c> of <c>t</c>. Then residual <c>e = x - T - S</c> and scale <c>σ = 1.4826 · median|e - median(e)|</c>;
    /// a value is an outlier when <c>|e - median(e)| &gt; threshold · σ</c>. The fit <c>T + S + median(e)</c> and <c>σ</c> are
    /// returned so values can be capped at <c>fit ± threshold · σ</c>. Series with <c>σ = 0</c> or fewer than 5 observed
    /// values have no outliers. References: Hampel (1974), JASA 69(346); Pearson et al. (2016), "Generalized Hampel
    /// filters", EURASIP J. Adv. Signal Process.; the median-based seasonal decomposition follows the STL idea of
    /// alternating seasonal and trend smoothing (Cleveland et al., 1990).
    /// </summary>
    public static (bool[] Outlier, double[] Fit, double Sigma) SeasonalHampel(
        ReadOnlySpan<long> time, ReadOnlySpan<double> x, int seasonLength, int window, double threshold)
    {
        if (seasonLength < 1) throw new ArgumentOutOfRangeException(nameof(seasonLength), seasonLength, "at least 1");
        if (window < 3) throw new ArgumentOutOfRangeException(nameof(window), window, "at least 3 periods");
        if (!(threshold > 0)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be positive");
        var n = x.Length;
        var outlier = new bool[n];
        var fit = new double[n];
        Array.Fill(fit, double.NaN);
        var observed = 0;
        foreach (var v in x) if (!double.IsNaN(v)) observed++;
        if (observed < 5) return (outlier, fit, 0);

        var trend = new double[n];
        var seasonal = new double[seasonLength];
        var work = new double[n];
        var buffer = new List<double>(Math.Max(window, 16));
        for (var iteration = 0; iteration < 2; iteration++)
        {
            if (seasonLength > 1)
            {
                for (var p = 0; p < seasonLength; p++)
                {
                    buffer.Clear();
                    for (var k = 0; k < n; k++)
                        if (Mod(time[k], seasonLength) == p && !double.IsNaN(x[k]) && !double.IsNaN(trend[k])) buffer.Add(x[k] - trend[k]);
                    seasonal[p] = buffer.Count > 0 ? MedianInPlace(buffer) : double.NaN;
                }
                var centre = Median(seasonal);
                for (var p = 0; p < seasonLength; p++) seasonal[p] = double.IsNaN(seasonal[p]) ? 0 : seasonal[p] - centre;
            }
            for (var k = 0; k < n; k++) work[k] = x[k] - seasonal[Mod(time[k], seasonLength)];
            RollingMedian(time, work, window / 2, trend, buffer);
        }
        var residual = new double[n];
        for (var k = 0; k < n; k++) residual[k] = x[k] - trend[k] - seasonal[Mod(time[k], seasonLength)];
        var center = Median(residual);
        buffer.Clear();
        foreach (var e in residual) if (!double.IsNaN(e)) buffer.Add(Math.Abs(e - center));
        var sigma = MadToSigma * MedianInPlace(buffer);
        if (!(sigma > 0)) return (outlier, fit, 0);
        for (var k = 0; k < n; k++)
        {
            fit[k] = trend[k] + seasonal[Mod(time[k], seasonLength)] + center;
            if (!double.IsNaN(residual[k]) && Math.Abs(residual[k] - center) > threshold * sigma) outlier[k] = true;
        }
        return (outlier, fit, sigma);
    }

    /// <summary>
    /// The causal seasonal Hampel rule, learned from <paramref name="x"/> (a training window) for use on later data: the
    /// same decomposition as <see cref="SeasonalHampel"/> but with a trailing trend, <c>T(t)</c> = median of <c>x − S</c>
    /// over the <paramref name="window"/> periods ending at <c>t</c>, so a value is judged against the past only. The
    /// seasonal profile, the residual centre and the scale σ are estimated on the window and then fixed
    /// (<see cref="HampelFit"/>); <see cref="ApplyHampel"/> flags any series of the same shape with them.
    /// </summary>
    public static HampelFit FitSeasonalHampel(ReadOnlySpan<long> time, ReadOnlySpan<double> x, int seasonLength, int window, double threshold)
    {
        if (seasonLength < 1) throw new ArgumentOutOfRangeException(nameof(seasonLength), seasonLength, "at least 1");
        if (window < 3) throw new ArgumentOutOfRangeException(nameof(window), window, "at least 3 periods");
        if (!(threshold > 0)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be positive");
        var n = x.Length;
        var seasonal = new double[seasonLength];
        var observed = 0;
        foreach (var v in x) if (!double.IsNaN(v)) observed++;
        if (observed < 5) return new HampelFit(seasonal, 0, 0, window, threshold);
        var trend = new double[n];
        var work = new double[n];
        var buffer = new List<double>(Math.Max(window, 16));
        for (var iteration = 0; iteration < 2; iteration++)
        {
            if (seasonLength > 1)
            {
                for (var p = 0; p < seasonLength; p++)
                {
                    buffer.Clear();
                    for (var k = 0; k < n; k++)
                        if (Mod(time[k], seasonLength) == p && !double.IsNaN(x[k]) && !double.IsNaN(trend[k])) buffer.Add(x[k] - trend[k]);
                    seasonal[p] = buffer.Count > 0 ? MedianInPlace(buffer) : double.NaN;
                }
                var centre = Median(seasonal);
                for (var p = 0; p < seasonLength; p++) seasonal[p] = double.IsNaN(seasonal[p]) ? 0 : seasonal[p] - centre;
            }
            for (var k = 0; k < n; k++) work[k] = x[k] - seasonal[Mod(time[k], seasonLength)];
            TrailingMedian(time, work, window, trend, buffer);
        }
        var residual = new double[n];
        for (var k = 0; k < n; k++) residual[k] = x[k] - trend[k] - seasonal[Mod(time[k], seasonLength)];
        var center = Median(residual);
        buffer.Clear();
        foreach (var e in residual) if (!double.IsNaN(e)) buffer.Add(Math.Abs(e - center));
        var sigma = MadToSigma * MedianInPlace(buffer);
        return new HampelFit(seasonal, double.IsNaN(center) ? 0 : center, sigma > 0 ? sigma : 0, window, threshold);
    }

    /// <summary>
    /// Flags values of <paramref name="x"/> with a rule learned by <see cref="FitSeasonalHampel"/>: residual from the
    /// trailing-median trend and the fitted seasonal profile, outlier when <c>|e − centre| &gt; threshold · σ</c>. Each
    /// value is judged on values at or before it only. Returns the flags and the fit <c>T + S + centre</c>.
    /// </summary>
    public static (bool[] Outlier, double[] Fit) ApplyHampel(HampelFit fit, ReadOnlySpan<long> time, ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var outlier = new bool[n];
        var fitted = new double[n];
        Array.Fill(fitted, double.NaN);
        if (!(fit.Sigma > 0)) return (outlier, fitted);
        var m = fit.Seasonal.Length;
        var work = new double[n];
        for (var k = 0; k < n; k++) work[k] = x[k] - fit.Seasonal[Mod(time[k], m)];
        var trend = new double[n];
        TrailingMedian(time, work, fit.Window, trend, new List<double>(fit.Window));
        for (var k = 0; k < n; k++)
        {
            fitted[k] = trend[k] + fit.Seasonal[Mod(time[k], m)] + fit.Center;
            var e = x[k] - fitted[k];
            if (!double.IsNaN(e) && Math.Abs(e) > fit.Threshold * fit.Sigma) outlier[k] = true;
        }
        return (outlier, fitted);
    }

    /// <summary>Median of the non-NaN values among the <paramref name="window"/> periods (by time) ending at each row; NaN with fewer than 3.</summary>
    private static void TrailingMedian(ReadOnlySpan<long> time, double[] values, int window, double[] result, List<double> buffer)
    {
        var lo = 0;
        for (var k = 0; k < values.Length; k++)
        {
            while (time[lo] <= time[k] - window) lo++;
            buffer.Clear();
            for (var j = lo; j <= k; j++) if (!double.IsNaN(values[j])) buffer.Add(values[j]);
            result[k] = buffer.Count >= 3 ? MedianInPlace(buffer) : double.NaN;
        }
    }

    /// <summary>Median of the non-NaN values within <paramref name="half"/> periods (by time) of each row; NaN with fewer than 3.</summary>
    private static void RollingMedian(ReadOnlySpan<long> time, double[] values, int half, double[] result, List<double> buffer)
    {
        int lo = 0, hi = 0;
        for (var k = 0; k < values.Length; k++)
        {
            while (time[lo] < time[k] - half) lo++;
            while (hi < values.Length && time[hi] <= time[k] + half) hi++;
            buffer.Clear();
            for (var j = lo; j < hi; j++) if (!double.IsNaN(values[j])) buffer.Add(values[j]);
            result[k] = buffer.Count >= 3 ? MedianInPlace(buffer) : double.NaN;
        }
    }

    private static int Mod(long t, int m) => (int)(((t % m) + m) % m);
}

/// <summary>A causal seasonal Hampel rule learned on a training window (see <see cref="RobustStatistics.FitSeasonalHampel"/>).</summary>
/// <param name="Seasonal">Seasonal effect by period modulo the season length (one zero when non-seasonal).</param>
/// <param name="Center">Median residual.</param>
/// <param name="Sigma">Robust scale of the residuals (0: too few values; nothing is flagged).</param>
/// <param name="Window">Periods of the trailing-median trend.</param>
/// <param name="Threshold">Robust standard deviations that make an outlier.</param>
public sealed record HampelFit(double[] Seasonal, double Center, double Sigma, int Window, double Threshold);
