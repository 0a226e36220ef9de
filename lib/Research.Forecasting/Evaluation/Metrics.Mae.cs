namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Mean absolute error, <c>MAE = (1/n) Σ |a_t − f_t|</c>, in the units of the series.
    /// Reference: Hyndman &amp; Koehler (2006), "Another look at measures of forecast accuracy",
    /// IJF 22(4), 679–688; scikit-learn <c>mean_absolute_error</c>.
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <returns>MAE over the pairs where neither value is NaN; NaN when there are none.</returns>
    public static double Mae(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!IsPair(actual[i], forecast[i])) continue;
            sum += Math.Abs(actual[i] - forecast[i]);
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
