namespace Research.Forecasting.Evaluation;

/// <summary>
/// All point metrics of one set of pairs (see <see cref="Metrics"/> for the definitions and units).
/// </summary>
/// <param name="Count">Pairs used: those where neither the actual nor the forecast is NaN.</param>
/// <param name="NonZeroCount">Of those, the pairs with a non-zero actual: the ones MAPE and RMSPE average over.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Mape">Mean absolute percentage error in percent, over non-zero actuals.</param>
/// <param name="Smape">Symmetric MAPE in percent (0..200).</param>
/// <param name="Wape">Σ|a − f| / Σ|a| in percent.</param>
/// <param name="Bias">Mean of forecast minus actual (positive = over-forecast).</param>
/// <param name="Rmspe">Root mean squared percentage error as a fraction, over non-zero actuals (Rossmann's score).</param>
public sealed record MetricValues(
    int Count, int NonZeroCount,
    double Mae, double Rmse, double Mape, double Smape, double Wape, double Bias, double Rmspe)
{
    /// <summary>The value of <paramref name="metric"/>, one of <see cref="Metric.All"/>.</summary>
    /// <exception cref="ArgumentException">The metric is not one of <see cref="Metric.All"/> (e.g. a pinball loss).</exception>
    public double Get(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Name switch
        {
            "mae" => Mae,
            "rmse" => Rmse,
            "mape" => Mape,
            "smape" => Smape,
            "wape" => Wape,
            "bias" => Bias,
            "rmspe" => Rmspe,
            _ => throw new ArgumentException($"'{metric.Name}' is not in MetricValues; it holds {string.Join(", ", Metric.All.Select(m => m.Name))}", nameof(metric)),
        };
    }
}
