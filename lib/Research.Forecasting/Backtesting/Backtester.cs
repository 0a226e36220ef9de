using System.Diagnostics;
using Research.Forecasting.Data;
using Research.Forecasting.Evaluation;
using Research.Forecasting.Models;

namespace Research.Forecasting.Backtesting;

/// <summary>
/// The one backtester: rolling-origin evaluation of many models over every series of a panel, as
/// <see cref="BacktestOptions"/> describes. Each round trains on data up to the cutoff, passes the dynamic covariates
/// of the forecast periods (known in advance, e.g. planned prices and promotions; the target is hidden), and records
/// the forecasts of the evaluated periods, their prediction intervals and the series' MASE scale in one long
/// <see cref="ForecastTable"/>. A model that fails on a series is recorded and that series gets the fallback's
/// forecast instead, so one bad series never aborts a run. Results do not depend on thread timing: models place
/// their outputs by series index.
/// </summary>
/// <remarks>
/// Models count periods by rows, so every series must be on the declared time grid: one row per period from its
/// first to its last. A series with missing periods is an error naming it and its first missing period (complete
/// the grid with <see cref="Cleaning.CompleteGrid"/> and a <see cref="Cleaning.Fill"/> first); so is a protocol the
/// data cannot support (<see cref="BacktestOptions.CheckAgainst"/>) and a target without a single value.
/// </remarks>
public static class Backtester
{
    /// <summary>
    /// Runs the protocol. <paramref name="fallback"/> defaults to the historic mean. <paramref name="series"/> (indices
    /// into the panel; null = every series) restricts the forecasts to some series, e.g. one shard of a run split across
    /// machines (<see cref="Shards"/>): the checks and the protocol still see the whole panel, so each of those series
    /// gets exactly the rows, in the same order, that a run over the whole panel gives it, as long as every model is
    /// local (fits each series on its own, <see cref="LocalForecaster"/>).
    /// </summary>
    public static BacktestResult Run(
        SeriesPanel panel,
        IReadOnlyList<IForecaster> models,
        BacktestOptions options,
        FitContext? context = null,
        IForecaster? fallback = null,
        Action<int>? roundDone = null,
        IReadOnlyCollection<int>? series = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (models.Count == 0) throw new ArgumentException("no models to backtest", nameof(models));
        var duplicate = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two models are named '{duplicate.Key}'; give one a Label", nameof(models));
        RequireRegularGrid(panel);
        RequireSomeTarget(panel);
        options.CheckAgainst(panel);
        // direct multi-horizon models learn which steps they will be asked for
        context = (context ?? new FitContext()) with { Gap = options.Gap, Horizon = options.Horizon };
        fallback ??= new LocalForecaster(new Models.Baselines.Mean());
        var observed = options.ObservedColumn is { } oc ? panel.DynamicIndex(oc) : -1;
        var offset = options.TargetOffset;
        // what the models see: the target shifted by the offset (actuals and metrics stay on the original scale)
        var modelPanel = offset == 0 ? panel : panel.WithTarget(panel.TargetName, y => y + offset);
        var levels = options.Levels.ToArray();
        bool[]? included = null;
        if (series is not null)
        {
            included = new bool[panel.SeriesCount];
            foreach (var i in series)
            {
                if ((uint)i >= (uint)panel.SeriesCount) throw new ArgumentOutOfRangeException(nameof(series), i, $"the panel has {panel.SeriesCount} series");
                included[i] = true;
            }
        }

        var seriesIds = new List<string>();
        var rounds = new List<int>();
        var cutoffs = new List<long>();
        var times = new List<long>();
        var actuals = new List<double>();
        var scales = new List<double>();
        var forecasts = models.Select(_ => new List<double>()).ToArray();
        var lower = models.Select(_ => levels.Select(_ => new List<double>()).ToArray()).ToArray();
        var upper = models.Select(_ => levels.Select(_ => new List<double>()).ToArray()).ToArray();
        var failures = new List<ModelFailure>();
        var fitSeconds = new double[models.Count];
        var forecastSeconds = new double[models.Count];
        var fitted = new IForecastModel?[models.Count];
        int[]? fittedOn = null;

        for (var round = 1; round <= options.Rounds; round++)
        {
            var cutoff = options.Cutoff(round);
            var start = options.Window == TrainingWindow.Sliding ? cutoff - options.WindowLength + 1 : options.Start ?? long.MinValue;
            var original = panel.Between(start, cutoff);
            // series with no training data at this cutoff take no part in the round
            var active = Enumerable.Range(0, panel.SeriesCount).Where(i => original[i].Length > 0).ToArray();
            if (active.Length == 0)
                throw new ProtocolException(nameof(BacktestOptions.Rounds), options.Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"round {round} (cutoff {panel.Frequency.Format(cutoff)}) has no training data in any series");
            if (included is not null)
            {
                active = Array.FindAll(active, i => included[i]);
                if (active.Length == 0)
                {
                    roundDone?.Invoke(round);
                    continue;
                }
            }
            original = original.Select(active);
            var history = offset == 0 ? original : modelPanel.Between(start, cutoff).Select(active);
            var future = Masked(modelPanel.Select(active).Between(cutoff + 1, cutoff + options.Steps));
            var refit = (round - 1) % options.RefitEvery == 0 || fittedOn is null || !fittedOn.AsSpan().SequenceEqual(active);

            // the rows of this round: every active series x every evaluated period
            var first = seriesIds.Count;
            for (var j = 0; j < active.Length; j++)
            {
                var s = panel[active[j]];
                var scale = Scale(original[j].Target, options.SeasonLength);
                for (var k = 0; k < options.Horizon; k++)
                {
                    var t = cutoff + options.Gap + k;
                    var row = s.RowOf(t);
                    var isObserved = row >= 0 && (observed < 0 || s.Dynamic(observed)[row] == 1);
                    seriesIds.Add(s.Id);
                    rounds.Add(round);
                    cutoffs.Add(cutoff);
                    times.Add(t);
                    actuals.Add(isObserved ? s.Target[row] : double.NaN);
                    scales.Add(scale);
                }
            }

            for (var m = 0; m < models.Count; m++)
            {
                var watch = Stopwatch.StartNew();
                if (refit) fitted[m] = models[m].Fit(history, context);
                fitSeconds[m] += watch.Elapsed.TotalSeconds;
                watch.Restart();
                var result = fitted[m]!.Forecast(history, future, options.Steps, levels);
                forecastSeconds[m] += watch.Elapsed.TotalSeconds;
                for (var j = 0; j < active.Length; j++)
                {
                    var f = result[j];
                    if (f is null || f.Mean.Length < options.Steps)
                    {
                        var message = result.Error(j) ?? $"{models[m].Name} returned {f?.Mean.Length ?? 0} steps, {options.Steps} were asked for";
                        f = Fallback(fallback, history.Select([j]), future.Select([j]), options, levels, context, out var fallbackError);
                        failures.Add(new ModelFailure(models[m].Name, history[j].Id, round, fallbackError is null ? fallback.Name : "none", fallbackError is null ? message : $"{message}; the fallback {fallback.Name} failed too: {fallbackError}"));
                    }
                    for (var k = 0; k < options.Horizon; k++)
                    {
                        var step = options.Gap - 1 + k;
                        forecasts[m].Add(f is null ? double.NaN : f.Mean[step] - offset);
                        for (var l = 0; l < levels.Length; l++)
                        {
                            var interval = f?.Intervals.FirstOrDefault(i => i.Level == levels[l]);
                            lower[m][l].Add(interval is null || interval.Lower.Length <= step ? double.NaN : interval.Lower[step] - offset);
                            upper[m][l].Add(interval is null || interval.Upper.Length <= step ? double.NaN : interval.Upper[step] - offset);
                        }
                    }
                }
            }
            fittedOn = active;
            Debug.Assert(forecasts.All(f => f.Count == seriesIds.Count) && seriesIds.Count - first == active.Length * options.Horizon);
            roundDone?.Invoke(round);
        }

        var table = new ForecastTable(panel.Frequency, [.. models.Select(m => m.Name)], [.. seriesIds], [.. rounds], [.. cutoffs], [.. times], [.. actuals],
            forecasts.Select(f => f.ToArray()).ToArray(), [.. scales], levels,
            lower.Select(m => m.Select(l => l.ToArray()).ToArray()).ToArray(),
            upper.Select(m => m.Select(l => l.ToArray()).ToArray()).ToArray());
        var timings = models.Select((m, k) => new ModelTiming(m.Name, fitSeconds[k], forecastSeconds[k])).ToArray();
        return new BacktestResult(options, table, failures, timings);
    }

    /// <summary>
    /// Throws a <see cref="PanelException"/> naming the first series (in panel order) with a missing period, the
    /// period, and how many periods are missing in how many series.
    /// </summary>
    public static void RequireRegularGrid(SeriesPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        string? firstSeries = null;
        long firstMissing = 0, before = 0, after = 0, missing = 0;
        var affected = 0;
        foreach (var s in panel.Series)
        {
            var t = s.Time;
            var gaps = 0L;
            for (var k = 1; k < t.Length; k++)
            {
                var gap = t[k] - t[k - 1] - 1;
                if (gap <= 0) continue;
                if (firstSeries is null)
                {
                    firstSeries = s.Id;
                    firstMissing = t[k - 1] + 1;
                    before = t[k - 1];
                    after = t[k];
                }
                gaps += gap;
            }
            if (gaps > 0)
            {
                affected++;
                missing += gaps;
            }
        }
        if (firstSeries is null) return;
        var f = panel.Frequency;
        throw new PanelException(
            $"series {firstSeries} is not on the {Describe(f)} grid: {f.Format(firstMissing)} is missing (no row between {f.Format(before)} and {f.Format(after)}); "
            + $"{missing} missing period{(missing == 1 ? "" : "s")} in {affected} series. Models count periods by rows, so complete the grid under a declared fill policy, or drop the series",
            firstSeries);
    }

    private static void RequireSomeTarget(SeriesPanel panel)
    {
        foreach (var s in panel.Series)
            foreach (var y in s.Target)
                if (!double.IsNaN(y)) return;
        throw new PanelException($"every value of the target '{panel.TargetName}' is missing: there is nothing to train on or to evaluate", column: panel.TargetName);
    }

    private static string Describe(Frequency f) => f.Kind switch
    {
        FrequencyKind.Daily => "daily",
        FrequencyKind.Weekly => $"weekly ({f.WeekStart})",
        FrequencyKind.Monthly => "monthly",
        _ => "period",
    };

    // the MASE scale of a training series; NaN when it is too short for the season length
    private static double Scale(ReadOnlySpan<double> training, int seasonLength) =>
        training.Length > seasonLength ? Metrics.MaseScale(training, seasonLength) : double.NaN;

    private static SeriesForecast? Fallback(IForecaster fallback, SeriesPanel history, SeriesPanel future, BacktestOptions options, double[] levels, FitContext context, out string? error)
    {
        var result = fallback.Fit(history, context).Forecast(history, future, options.Steps, levels);
        var f = result[0];
        if (f is not null && f.Mean.Length >= options.Steps)
        {
            error = null;
            return f;
        }
        error = result.Error(0) ?? $"{fallback.Name} returned {f?.Mean.Length ?? 0} steps";
        return null;
    }

    /// <summary>The future rows with the target hidden: models see only the covariates known in advance.</summary>
    private static SeriesPanel Masked(SeriesPanel future) => future.WithTarget(future.TargetName, _ => double.NaN);
}
