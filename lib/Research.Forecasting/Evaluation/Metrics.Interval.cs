namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Empirical coverage of central prediction intervals: the fraction of actuals inside their interval,
    /// <c>(1/n) Σ 1{l_t ≤ a_t ≤ u_t}</c>, over the triples where the actual and both bounds are present. A calibrated
    /// 80% interval covers about 0.8. Reference: Hyndman &amp; Athanasopoulos, Forecasting: Principles and Practice
    /// (3rd ed.), §5.9.
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="lower">Lower bounds, paired by position.</param>
    /// <param name="upper">Upper bounds, paired by position.</param>
    /// <returns>A fraction in [0, 1]; NaN when no triple is complete.</returns>
    public static double Coverage(ReadOnlySpan<double> actual, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        CheckLengths(actual, lower);
        CheckLengths(actual, upper);
        var n = 0;
        var inside = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (double.IsNaN(actual[i]) || double.IsNaN(lower[i]) || double.IsNaN(upper[i])) continue;
            n++;
            if (lower[i] <= actual[i] && actual[i] <= upper[i]) inside++;
        }
        return n == 0 ? double.NaN : (double)inside / n;
    }

    /// <summary>
    /// Mean interval (Winkler) score of central <paramref name="level"/>% prediction intervals, α = 1 − level/100:
    /// <c>S = (u − l) + (2/α)(l − a)·1{a &lt; l} + (2/α)(a − u)·1{a &gt; u}</c>, averaged over the triples where the
    /// actual and both bounds are present; in the units of the series, lower is better (narrow intervals that still
    /// cover). Reference: Gneiting &amp; Raftery (2007), "Strictly proper scoring rules, prediction, and estimation",
    /// JASA 102(477), 359–378, eq. (43).
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="lower">Lower bounds.</param>
    /// <param name="upper">Upper bounds.</param>
    /// <param name="level">Nominal coverage in percent, strictly between 0 and 100.</param>
    /// <returns>The mean score; NaN when no triple is complete.</returns>
    public static double IntervalScore(ReadOnlySpan<double> actual, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, double level)
    {
        if (!(level > 0 && level < 100))
            throw new ArgumentOutOfRangeException(nameof(level), level, "the level is a percentage strictly between 0 and 100");
        CheckLengths(actual, lower);
        CheckLengths(actual, upper);
        var alpha = 1 - level / 100;
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            double a = actual[i], l = lower[i], u = upper[i];
            if (double.IsNaN(a) || double.IsNaN(l) || double.IsNaN(u)) continue;
            var s = u - l;
            if (a < l) s += 2 / alpha * (l - a);
            else if (a > u) s += 2 / alpha * (a - u);
            sum += s;
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>
    /// MASE over rows that each carry their own scale (a long backtest table, one scale per series and cutoff):
    /// <c>(1/n) Σ |a_t − f_t| / s_t</c> over the rows where the actual and forecast are present and the scale is finite
    /// and positive. For the rows of one series and one cutoff it equals <see cref="Mase"/>. Reference: Hyndman &amp;
    /// Koehler (2006), IJF 22(4), 679–688.
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Forecasts.</param>
    /// <param name="scale">Per row, the in-sample scale of <see cref="MaseScale"/>.</param>
    public static double ScaledMae(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, ReadOnlySpan<double> scale)
    {
        CheckLengths(actual, forecast);
        CheckLengths(actual, scale);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!IsPair(actual[i], forecast[i]) || !(scale[i] > 0) || double.IsInfinity(scale[i])) continue;
            sum += Math.Abs(actual[i] - forecast[i]) / scale[i];
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
