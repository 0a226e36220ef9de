namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Mean absolute percentage error in percent over the non-zero actuals:
    /// <c>MAPE = (100/n₀) Σ_{a_t ≠ 0} |a_t − f_t| / |a_t|</c>, with <c>n₀</c> the number of pairs whose actual is not zero.
    /// Pairs with a zero actual are skipped (their percentage error is undefined), as are NaN pairs.
    /// This is the orange-juice benchmark's metric (microsoft/forecasting, <c>fclib.evaluation.evaluation_utils.MAPE</c>
    /// × 100; its actuals are never zero). Note: scikit-learn's <c>mean_absolute_percentage_error</c> differs — it
    /// keeps zero actuals, dividing by machine epsilon, and returns a fraction.
    /// Reference: Hyndman &amp; Koehler (2006), IJF 22(4), 679–688.
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <returns>MAPE in percent; NaN when no pair has a non-zero actual.</returns>
    public static double Mape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var a = actual[i];
            if (!IsPair(a, forecast[i]) || a == 0) continue;
            sum += Math.Abs(a - forecast[i]) / Math.Abs(a);
            n++;
        }
        return n == 0 ? double.NaN : 100 * sum / n;
    }
}
