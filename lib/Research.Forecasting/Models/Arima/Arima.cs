namespace Research.Forecasting.Models.Arima;

/// <summary>
/// ARIMA with fixed orders (forecast's <c>Arima()</c>, R's <c>arima()</c>). <see cref="Fit"/> estimates by
/// conditional sum of squares then exact maximum likelihood (Gardner et al. 1980 Kalman filter) and returns an
/// <see cref="ArimaModel"/>. Regressors of the series are used as <c>xreg</c>.
/// </summary>
/// <param name="Options">Orders, period, mean/drift terms and method.</param>
public sealed record Arima(ArimaOptions Options) : ISeriesForecaster
{
    public string Name => "arima";

    public ISeriesModel Fit(SeriesData train) => FitModel(train);

    /// <summary><see cref="Fit"/> with the concrete model type.</summary>
    public ArimaModel FitModel(SeriesData train) => ArimaModel.Estimate(train, Options, new ArimaEstimator());
}
