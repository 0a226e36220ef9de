namespace Research.Forecasting.Evaluation;

/// <summary>
/// Point and quantile forecast-accuracy metrics over paired spans of actual and forecast values.
/// </summary>
/// <remarks>
/// Every metric skips the pairs where the actual or the forecast is <c>NaN</c> (a missing observation or a
/// period the model did not forecast); infinities are not skipped. <c>n</c> in the formulas is the number of
/// pairs left. A metric with nothing to average (no pairs, or no non-zero actual for MAPE and RMSPE) is
/// <c>NaN</c>. The spans must have equal lengths, else <see cref="ArgumentException"/> naming
/// <c>forecast</c>. Errors are <c>a − f</c> (actual minus forecast) except in <see cref="Bias"/>, which is
/// <c>f − a</c> so that over-forecasting is positive. Percent metrics (MAPE, sMAPE, WAPE) are in percent
/// (0..100+); RMSPE is a fraction, as the Rossmann competition scores it.
/// </remarks>
public static partial class Metrics
{
    /// <summary>Throws when the two spans differ in length.</summary>
    internal static void CheckLengths(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast)
    {
        if (actual.Length != forecast.Length)
            throw new ArgumentException(
                $"forecast has {forecast.Length} values but actual has {actual.Length}; they must pair one to one",
                nameof(forecast));
    }

    /// <summary>True when both values are present (neither is NaN).</summary>
    internal static bool IsPair(double a, double f) => !double.IsNaN(a) && !double.IsNaN(f);
}
