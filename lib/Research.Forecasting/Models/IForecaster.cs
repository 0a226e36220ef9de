using Research.Forecasting.Data;

namespace Research.Forecasting.Models;

/// <summary>
/// An untrained forecaster of a whole panel (local models fitted per series, or one global model across
/// series). Immutable options; <see cref="Fit"/> returns a separate fitted <see cref="IForecastModel"/>.
/// The backtester and AutoML see every model through this interface.
/// </summary>
public interface IForecaster
{
    string Name { get; }

    IForecastModel Fit(SeriesPanel train, FitContext context);
}

/// <summary>A fitted panel forecaster.</summary>
public interface IForecastModel
{
    /// <summary>
    /// Forecasts <paramref name="steps"/> periods after the last time of every series of <paramref name="history"/>
    /// (the training panel or a longer one extending it, same series in the same order). <paramref name="future"/>
    /// has the same series with the rows of those periods, carrying the dynamic covariates known in advance; its
    /// target is NaN and must not be read.
    /// </summary>
    PanelForecast Forecast(SeriesPanel history, SeriesPanel future, int steps, IReadOnlyList<double>? levels = null);
}

/// <summary>What every fit gets: the run's seed, its degree of parallelism and, when known, the forecast window.</summary>
/// <param name="Seed">The one seed of the run; models derive theirs from it (and the series index), never from the clock.</param>
/// <param name="Parallelism">Threads a model may use across series.</param>
public sealed record FitContext(int Seed = 42, int Parallelism = 1)
{
    public ParallelOptions ParallelOptions => new() { MaxDegreeOfParallelism = Math.Max(1, Parallelism) };

    /// <summary>
    /// First forecast step that will be evaluated (1 = the next period); steps before it are forecast but not scored.
    /// Direct multi-horizon models train for steps <see cref="Gap"/>..<see cref="Steps"/>. The backtester sets it.
    /// </summary>
    public int Gap { get; init; } = 1;

    /// <summary>Periods evaluated after the gap; 0 = not known at fit time (recursive models do not need it).</summary>
    public int Horizon { get; init; }

    /// <summary>Forecast steps the fitted model will be asked for (<c>Gap + Horizon - 1</c>), or 0 when not known.</summary>
    public int Steps => Horizon > 0 ? Gap + Horizon - 1 : 0;
}

/// <summary>Forecasts of every series of a panel; a series whose model failed has an error instead.</summary>
public sealed class PanelForecast
{
    private readonly SeriesForecast?[] _forecasts;
    private readonly string?[] _errors;

    public PanelForecast(SeriesForecast?[] forecasts, string?[] errors)
    {
        if (forecasts.Length != errors.Length) throw new ArgumentException("one forecast or error per series", nameof(errors));
        for (var i = 0; i < forecasts.Length; i++)
            if ((forecasts[i] is null) == (errors[i] is null))
                throw new ArgumentException($"series {i}: exactly one of forecast and error", nameof(forecasts));
        _forecasts = forecasts;
        _errors = errors;
    }

    public int SeriesCount => _forecasts.Length;

    /// <summary>The forecast of series <paramref name="i"/>, or null when it failed.</summary>
    public SeriesForecast? this[int i] => _forecasts[i];

    /// <summary>Why series <paramref name="i"/> failed, or null.</summary>
    public string? Error(int i) => _errors[i];

    public int Failures => _errors.Count(e => e is not null);
}
