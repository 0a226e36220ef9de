namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Root mean squared percentage error as a fraction (not percent) over the non-zero actuals:
    /// <c>RMSPE = sqrt((1/n₀) Σ_{a_t ≠ 0} ((a_t − f_t) / a_t)²)</c>. Pairs with a zero actual are skipped, as
    /// are NaN pairs. This is the score of Kaggle's Rossmann Store Sales competition (2015), whose evaluation
    /// page states that "any day and store with 0 sales is ignored in scoring".
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <returns>RMSPE as a fraction (0.1 = 10 %); NaN when no pair has a non-zero actual.</returns>
    public static double Rmspe(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var a = actual[i];
            if (!IsPair(a, forecast[i]) || a == 0) continue;
            var r = (a - forecast[i]) / a;
            sum += r * r;
            n++;
        }
        return n == 0 ? double.NaN : Math.Sqrt(sum / n);
    }
}
