namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Weighted absolute percentage error in percent, <c>WAPE = 100 · Σ |a_t − f_t| / Σ |a_t|</c>
    /// (also called MAD/mean ratio: MAE divided by the mean absolute actual). Zero actuals are kept; they
    /// add to the numerator only. Reference: Kolassa &amp; Schütz (2007), "Advantages of the MAD/MEAN ratio
    /// over the MAPE", Foresight 6, 40–43.
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <returns>WAPE in percent over the pairs where neither value is NaN; NaN when every actual left is zero
    /// (or there are no pairs).</returns>
    public static double Wape(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        CheckLengths(actual, forecast);
        double error = 0, scale = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!IsPair(actual[i], forecast[i])) continue;
            error += Math.Abs(actual[i] - forecast[i]);
            scale += Math.Abs(actual[i]);
        }
        return scale == 0 ? double.NaN : 100 * error / scale;
    }
}
