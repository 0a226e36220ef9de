using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;

namespace Research.Forecasting.Models;

/// <summary>
/// A forecaster that chooses its own configuration from data (an AutoML search). Fitted directly it searches inside
/// each training window; a benchmark instead resolves it once with <see cref="Search(SeriesPanel, BacktestOptions, FitContext)"/>, on the data before the first
/// test round, into the chosen forecaster, which the backtester then refits every round like any other model.
/// </summary>
public interface ISearchingForecaster : IForecaster
{
    /// <summary>
    /// Searches with the data of <paramref name="panel"/> up to the first cutoff of <paramref name="test"/> only, and
    /// returns the chosen forecaster under this forecaster's <see cref="IForecaster.Name"/>.
    /// </summary>
    IForecaster Search(SeriesPanel panel, BacktestOptions test, FitContext context);

    /// <summary>
    /// <see cref="Search(SeriesPanel, BacktestOptions, FitContext)"/>, keeping the search in <paramref name="cache"/>
    /// when it can be repeated exactly (<see cref="BacktestCache.Remember"/>), so another notebook asking for the same
    /// search on the same data reads its choice. The default searches.
    /// </summary>
    IForecaster Search(SeriesPanel panel, BacktestOptions test, FitContext context, BacktestCache? cache) => Search(panel, test, context);

    /// <summary>The models with every searching forecaster replaced by the forecaster its search chose.</summary>
    static IReadOnlyList<IForecaster> Resolve(SeriesPanel panel, IReadOnlyList<IForecaster> models, BacktestOptions test, FitContext? context = null) =>
        [.. models.Select(m => m is ISearchingForecaster s ? s.Search(panel, test, context ?? new FitContext()) : m)];
}
