using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;

namespace Research.Forecasting.Models;

/// <summary>
/// A forecaster that chooses its own configuration from data (an AutoML search). Fitted directly it searches inside
/// each training window; a benchmark instead resolves it once with <see cref="Search"/>, on the data before the first
/// test round, into the chosen forecaster, which the backtester then refits every round like any other model.
/// </summary>
public interface ISearchingForecaster : IForecaster
{
    /// <summary>
    /// Searches with the data of <paramref name="panel"/> up to the first cutoff of <paramref name="test"/> only, and
    /// returns the chosen forecaster under this forecaster's <see cref="IForecaster.Name"/>.
    /// </summary>
    IForecaster Search(SeriesPanel panel, BacktestOptions test, FitContext context);

    /// <summary>The models with every searching forecaster replaced by the forecaster its search chose.</summary>
    static IReadOnlyList<IForecaster> Resolve(SeriesPanel panel, IReadOnlyList<IForecaster> models, BacktestOptions test, FitContext? context = null) =>
        [.. models.Select(m => m is ISearchingForecaster s ? s.Search(panel, test, context ?? new FitContext()) : m)];
}
