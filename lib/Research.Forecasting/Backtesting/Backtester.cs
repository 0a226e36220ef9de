using System.Diagnostics;
using Research.Forecasting.Data;
using Research.Forecasting.Models;

namespace Research.Forecasting.Backtesting;

/// <summary>
/// The one backtester: rolling-origin evaluation of many models over every series of a panel, as
/// <see cref="BacktestOptions"/> describes. Each round trains on data up to the cutoff, passes the dynamic covariates
/// of the forecast periods (known in advance, e.g. planned prices and promotions; the target is hidden), and records
/// the forecasts of the evaluated periods in one long <see cref="ForecastTable"/>. A model that fails on a series is
/// recorded and that series gets the fallback's forecast instead, so one bad series never aborts a run. Results do
/// not depend on thread timing: models place their outputs by series index.
/// </summary>
public static class Backtester
{
    /// <summary>Runs the protocol. <paramref name="fallback"/> defaults to the historic mean.</summary>
    public static BacktestResult Run(
        SeriesPanel panel,
        IReadOnlyList<IForecaster> models,
        BacktestOptions options,
        FitContext? context = null,
        IForecaster? fallback = null,
        Action<int>? roundDone = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options.Validate();
        if (models.Count == 0) throw new ArgumentException("no models to backtest", nameof(models));
        var duplicate = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two models are named '{duplicate.Key}'; give one a Label", nameof(models));
        // direct multi-horizon models learn which steps they will be asked for
        context = (context ?? new FitContext()) with { Gap = options.Gap, Horizon = options.Horizon };
        fallback ??= new LocalForecaster(new Models.Baselines.Mean());
        var observed = options.ObservedColumn is { } oc ? panel.DynamicIndex(oc) : -1;

        var series = new List<string>();
        var rounds = new List<int>();
        var cutoffs = new List<long>();
        var times = new List<long>();
        var actuals = new List<double>();
        var forecasts = models.Select(_ => new List<double>()).ToArray();
        var failures = new List<ModelFailure>();
        var fitSeconds = new double[models.Count];
        var forecastSeconds = new double[models.Count];
        var fitted = new IForecastModel?[models.Count];
        int[]? fittedOn = null;

        for (var round = 1; round <= options.Rounds; round++)
        {
            var cutoff = options.Cutoff(round);
            var start = options.Window == TrainingWindow.Sliding ? cutoff - options.WindowLength + 1 : options.Start ?? long.MinValue;
            var history = panel.Between(start, cutoff);
            // series with no training data at this cutoff take no part in the round
            var active = Enumerable.Range(0, panel.SeriesCount).Where(i => history[i].Length > 0).ToArray();
            history = history.Select(active);
            var future = Masked(panel.Select(active).Between(cutoff + 1, cutoff + options.Steps));
            var refit = (round - 1) % options.RefitEvery == 0 || fittedOn is null || !fittedOn.AsSpan().SequenceEqual(active);

            // the rows of this round: every active series x every evaluated period
            var first = series.Count;
            foreach (var i in active)
            {
                var s = panel[i];
                for (var k = 0; k < options.Horizon; k++)
                {
                    var t = cutoff + options.Gap + k;
                    var row = s.RowOf(t);
                    var isObserved = row >= 0 && (observed < 0 || s.Dynamic(observed)[row] == 1);
                    series.Add(s.Id);
                    rounds.Add(round);
                    cutoffs.Add(cutoff);
                    times.Add(t);
                    actuals.Add(isObserved ? s.Target[row] : double.NaN);
                }
            }

            for (var m = 0; m < models.Count; m++)
            {
                var watch = Stopwatch.StartNew();
                if (refit) fitted[m] = models[m].Fit(history, context);
                fitSeconds[m] += watch.Elapsed.TotalSeconds;
                watch.Restart();
                var result = fitted[m]!.Forecast(history, future, options.Steps, options.Levels);
                forecastSeconds[m] += watch.Elapsed.TotalSeconds;
                for (var j = 0; j < active.Length; j++)
                {
                    var f = result[j];
                    if (f is null || f.Mean.Length < options.Steps)
                    {
                        var message = result.Error(j) ?? $"{models[m].Name} returned {f?.Mean.Length ?? 0} steps, {options.Steps} were asked for";
                        f = Fallback(fallback, history.Select([j]), future.Select([j]), options, context);
                        failures.Add(new ModelFailure(models[m].Name, history[j].Id, round, fallback.Name, message));
                    }
                    for (var k = 0; k < options.Horizon; k++)
                        forecasts[m].Add(f?.Mean[options.Gap - 1 + k] ?? double.NaN);
                }
            }
            fittedOn = active;
            Debug.Assert(forecasts.All(f => f.Count == series.Count) && series.Count - first == active.Length * options.Horizon);
            roundDone?.Invoke(round);
        }

        var table = new ForecastTable(panel.Frequency, [.. models.Select(m => m.Name)], [.. series], [.. rounds], [.. cutoffs], [.. times], [.. actuals],
            forecasts.Select(f => f.ToArray()).ToArray());
        var timings = models.Select((m, k) => new ModelTiming(m.Name, fitSeconds[k], forecastSeconds[k])).ToArray();
        return new BacktestResult(options, table, failures, timings);
    }

    private static SeriesForecast? Fallback(IForecaster fallback, SeriesPanel history, SeriesPanel future, BacktestOptions options, FitContext context)
    {
        var f = fallback.Fit(history, context).Forecast(history, future, options.Steps)[0];
        return f is not null && f.Mean.Length >= options.Steps ? f : null;
    }

    /// <summary>The future rows with the target hidden: models see only the covariates known in advance.</summary>
    private static SeriesPanel Masked(SeriesPanel future) => future.WithTarget(future.TargetName, _ => double.NaN);
}
