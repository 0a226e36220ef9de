namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Mean forecast bias, <c>Bias = (1/n) Σ (f_t − a_t)</c>, in the units of the series: positive when the
    /// forecasts are too high on average. This is minus R forecast's <c>ME</c> (which averages <c>a − f</c>).
    /// Reference: Hyndman &amp; Athanasopoulos, <i>Forecasting: Principles and Practice</i> (3rd ed.), §5.8.
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <returns>The mean of <c>f − a</c> over the pairs where neither value is NaN; NaN when there are none.</returns>
    public static double Bias(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!IsPair(actual[i], forecast[i])) continue;
            sum += forecast[i] - actual[i];
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
