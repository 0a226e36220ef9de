namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Root mean squared error, <c>RMSE = sqrt((1/n) Σ (a_t − f_t)²)</c>, in the units of the series.
    /// Reference: Hyndman &amp; Koehler (2006), IJF 22(4), 679–688; scikit-learn
    /// <c>mean_squared_error(..., squared=False)</c>.
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <returns>RMSE over the pairs where neither value is NaN; NaN when there are none.</returns>
    public static double Rmse(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!IsPair(actual[i], forecast[i])) continue;
            var e = actual[i] - forecast[i];
            sum += e * e;
            n++;
        }
        return n == 0 ? double.NaN : Math.Sqrt(sum / n);
    }
}
