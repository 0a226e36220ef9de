namespace Research.Forecasting.Evaluation;

/// <summary>Computes every point metric of <see cref="Metric.All"/> at once.</summary>
public static class MetricSet
{
    /// <summary>
    /// All point metrics of the pairs of <paramref name="actual"/> and <paramref name="forecast"/>, skipping pairs
    /// with a NaN. Each value is exactly what the corresponding <see cref="Metrics"/> kernel returns.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length (names <c>forecast</c>).</exception>
    public static MetricValues Compute(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        Metrics.CheckLengths(actual, forecast);
        int count = 0, nonZero = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!Metrics.IsPair(actual[i], forecast[i])) continue;
            count++;
            if (actual[i] != 0) nonZero++;
        }
        return new MetricValues(count, nonZero,
            Metrics.Mae(actual, forecast),
            Metrics.Rmse(actual, forecast),
            Metrics.Mape(actual, forecast),
            Metrics.Smape(actual, forecast),
            Metrics.Wape(actual, forecast),
            Metrics.Bias(actual, forecast),
            Metrics.Rmspe(actual, forecast));
    }
}
