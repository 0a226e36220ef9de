namespace Research.Forecasting.Models.Baselines;

/// <summary>
/// Naive: every forecast is the last observed value. Intervals as R forecast's <c>naive</c>:
/// ± z·σ√h with σ² the mean squared one-step difference (see <see cref="LagWalk"/>).
/// </summary>
public sealed record Naive : ISeriesForecaster
{
    public string Name => "naive";

    public ISeriesModel Fit(SeriesData train) => new LagWalkModel(train, LagWalk.Fit(train.Y, 1, drift: false, train.Id));
}

/// <summary>
/// Seasonal naive: the forecast repeats the value one season earlier (R forecast's <c>snaive</c>).
/// </summary>
/// <param name="SeasonLength">Season length m (e.g. 7 for daily data with a weekly pattern, 52 for weekly data).</param>
public sealed record SeasonalNaive(int SeasonLength) : ISeriesForecaster
{
    public string Name => "snaive";

    public ISeriesModel Fit(SeriesData train) => new LagWalkModel(train, LagWalk.Fit(train.Y, SeasonLength, drift: false, train.Id));
}

/// <summary>
/// Random walk with drift: the last value plus h times the average one-step change (R forecast's
/// <c>rwf(drift = TRUE)</c>), with intervals that include the drift's uncertainty.
/// </summary>
public sealed record Drift : ISeriesForecaster
{
    public string Name => "drift";

    public ISeriesModel Fit(SeriesData train) => new LagWalkModel(train, LagWalk.Fit(train.Y, 1, drift: true, train.Id));
}

internal sealed record LagWalkModel(SeriesData Train, LagWalk.Fitted Fitted) : ISeriesModel
{
    public SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null) =>
        LagWalk.Forecast(Fitted, history.Y, steps, levels, history.Id);
}
