namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Mean absolute scaled error with a seasonal-naive scale:
    /// <c>MASE = MAE(a, f) / s</c>, <c>s = (1/(T−m)) Σ_{t=m+1..T} |y_t − y_{t−m}|</c>, where <c>y_1..y_T</c> is the
    /// training (in-sample) series and <c>m</c> the season length (<c>m = 1</c>: the naive one-step scale).
    /// NaN pairs are skipped in the MAE, and differences involving a NaN training value are skipped in the scale
    /// (the mean is over the differences left). Below 1 the forecasts beat the in-sample seasonal naive method.
    /// Infinite (or NaN) when the training series repeats exactly at lag <c>m</c> (<c>s = 0</c>).
    /// Matches R forecast's <c>accuracy(f, x)</c> MASE with <c>D = 1, d = 0</c> (seasonal data) or <c>d = 1, D = 0</c> (<c>m = 1</c>).
    /// Reference: Hyndman &amp; Koehler (2006), "Another look at measures of forecast accuracy", IJF 22(4), 679–688.
    /// </summary>
    /// <param name="actual">Observed values of the evaluation period.</param>
    /// <param name="forecast">Forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <param name="training">The training series, in time order, that sets the scale.</param>
    /// <param name="seasonLength">Season length <c>m</c> (1 for non-seasonal, 7 for daily data with a weekly cycle, 52 for weekly data).</param>
    /// <returns>MASE (unitless); NaN when there are no pairs or no usable training difference.</returns>
    public static double Mase(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, ReadOnlySpan<double> training, int seasonLength = 1) =>
        Mae(actual, forecast) / MaseScale(training, seasonLength);

    /// <summary>
    /// The MASE scale <c>s = (1/(T−m)) Σ_{t=m+1..T} |y_t − y_{t−m}|</c>: the in-sample mean absolute error of the
    /// seasonal naive forecast, skipping differences that involve a NaN. Compute it once per series and divide
    /// any MAE by it. Reference: Hyndman &amp; Koehler (2006), IJF 22(4), 679–688.
    /// </summary>
    /// <param name="training">The training series in time order; it needs more than <paramref name="seasonLength"/> values.</param>
    /// <param name="seasonLength">Season length <c>m</c>, at least 1.</param>
    /// <returns>The scale; NaN when no difference has both values present.</returns>
    public static double MaseScale(ReadOnlySpan<double> training, int seasonLength = 1)
    {
        if (seasonLength < 1)
            throw new ArgumentOutOfRangeException(nameof(seasonLength), seasonLength, "the season length must be at least 1");
        if (training.Length <= seasonLength)
            throw new ArgumentException(
                $"training has {training.Length} values; the lag-{seasonLength} scale needs at least {seasonLength + 1}",
                nameof(training));
        double sum = 0;
        var n = 0;
        for (var t = seasonLength; t < training.Length; t++)
        {
            var d = training[t] - training[t - seasonLength];
            if (double.IsNaN(d)) continue;
            sum += Math.Abs(d);
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }
}
