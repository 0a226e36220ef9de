namespace Research.Forecasting.Models.Arima;

/// <summary>
/// Automatic ARIMA order selection as forecast 8.20's <c>auto.arima</c> (Hyndman and Khandakar 2008, "Automatic
/// time series forecasting: the forecast package for R", JSS 27(3)): d by repeated KPSS tests, D by seasonal
/// strength, then a stepwise search over (p, q, P, Q) and the constant minimising the AICc, starting from
/// ARIMA(2,d,2)(1,D,1) and three simple models, moving one or two orders at a time. Models with AR or MA roots
/// within 1.01 of the unit circle are rejected. Long or highly seasonal series are searched with CSS estimates
/// and the chosen model is refitted by maximum likelihood. Regressors are handled as regression with ARIMA
/// errors (d is chosen on the regression residuals). Returns an <see cref="ArimaModel"/>.
/// </summary>
/// <param name="Options">Search settings (forecast's defaults).</param>
public sealed record AutoArima(AutoArimaOptions Options) : ISeriesForecaster
{
    [ThreadStatic]
    private static ArimaEstimator? t_estimator;

    public AutoArima() : this(new AutoArimaOptions()) { }

    public string Name => "autoarima";

    public ISeriesModel Fit(SeriesData train) => FitModel(train);

    /// <summary><see cref="Fit"/> with the concrete model type.</summary>
    public ArimaModel FitModel(SeriesData train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var estimator = t_estimator ??= new ArimaEstimator();
        return new AutoArimaSearch(Options, estimator, train).Run();
    }
}
