namespace Research.Forecasting.Models;

/// <summary>
/// An untrained model of one series: immutable options only. <see cref="Fit"/> estimates and returns a
/// separate fitted <see cref="ISeriesModel"/>, so one forecaster can be fitted again and again (e.g. every
/// backtest round) without cloning.
/// </summary>
public interface ISeriesForecaster
{
    /// <summary>Short name used in tables (e.g. <c>naive</c>, <c>arima</c>).</summary>
    string Name { get; }

    /// <summary>Estimates the model on <paramref name="train"/>. Throws when the series cannot be fitted.</summary>
    ISeriesModel Fit(SeriesData train);
}

/// <summary>A fitted model of one series.</summary>
public interface ISeriesModel
{
    /// <summary>The series the model was fitted on.</summary>
    SeriesData Train { get; }

    /// <summary>
    /// Forecasts <paramref name="steps"/> values after the end of <paramref name="history"/>, which is the
    /// training series or a longer one extending it (parameters stay as fitted; state is updated with the
    /// newer observations). <paramref name="futureX"/> holds the regressors of those steps, row-major
    /// (<c>steps x Regressors</c>). <paramref name="levels"/> asks for prediction intervals, in percent.
    /// </summary>
    SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null);
}

public static class SeriesModelExtensions
{
    /// <summary>Forecasts right after the training data.</summary>
    public static SeriesForecast Forecast(this ISeriesModel model, int steps, double[]? futureX = null, IReadOnlyList<double>? levels = null) =>
        model.Forecast(model.Train, futureX ?? [], steps, levels);

    /// <summary>Fits and forecasts in one call.</summary>
    public static SeriesForecast FitForecast(this ISeriesForecaster forecaster, SeriesData train, int steps, double[]? futureX = null, IReadOnlyList<double>? levels = null) =>
        forecaster.Fit(train).Forecast(steps, futureX, levels);
}
