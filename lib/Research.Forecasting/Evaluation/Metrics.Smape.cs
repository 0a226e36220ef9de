namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Symmetric mean absolute percentage error in percent (0..200):
    /// <c>sMAPE = (1/n) Σ 200 · |a_t − f_t| / (|a_t| + |f_t|)</c>, a term being 0 when <c>a_t = f_t = 0</c>.
    /// Zero actuals are kept (a zero actual with a non-zero forecast scores 200).
    /// Reference: Makridakis (1993), "Accuracy measures: theoretical and practical concerns", IJF 9(4), 527–529;
    /// the M4 competition form (Makridakis et al., 2020, IJF 36(1)). microsoft/forecasting's <c>fclib</c> sMAPE
    /// omits the factor 200 (a fraction in 0..1).
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <returns>sMAPE in percent over the pairs where neither value is NaN; NaN when there are none.</returns>
    public static double Smape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            double a = actual[i], f = forecast[i];
            if (!IsPair(a, f)) continue;
            var denominator = Math.Abs(a) + Math.Abs(f);
            if (denominator != 0) sum += 200 * Math.Abs(a - f) / denominator;
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
