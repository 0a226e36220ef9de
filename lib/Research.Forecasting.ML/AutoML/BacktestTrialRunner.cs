using System.Diagnostics;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Evaluation;
using Research.Forecasting.Models;

namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// Scores a configuration through the one <see cref="Backtester"/>, on validation rounds (<see cref="Validation"/>)
/// over a panel that ends where they end, so no trial can see a period after the last validation window. The score is
/// <see cref="Metric"/> over every validation forecast (rows with an actual); a configuration that throws scores +∞.
/// </summary>
public sealed class BacktestTrialRunner : ITrialRunner
{
    private readonly SeriesPanel _history;
    private readonly ModelSpaces _spaces;

    /// <param name="history">The data; it is cut at the end of the validation rounds.</param>
    /// <param name="validation">The validation protocol (see <see cref="ValidationProtocol"/>).</param>
    /// <param name="spaces">How a configuration becomes a forecaster.</param>
    /// <param name="metric">Lower is better.</param>
    /// <param name="context">Seed and threads of every fit.</param>
    public BacktestTrialRunner(SeriesPanel history, BacktestOptions validation, ModelSpaces spaces, Metric metric, FitContext context)
    {
        validation.Validate();
        _history = history.Until(validation.End);
        Validation = validation;
        _spaces = spaces;
        Metric = metric;
        Context = context;
    }

    public BacktestOptions Validation { get; }

    public Metric Metric { get; }

    public FitContext Context { get; }

    /// <summary>The last period any trial can see.</summary>
    public long LastVisible => _history.MaxTime;

    public TrialResult Run(int trialId, Configuration configuration)
    {
        var watch = Stopwatch.StartNew();
        var cost = _spaces.Cost(configuration);
        try
        {
            var model = _spaces.Build(configuration, "trial");
            var result = Backtester.Run(_history, [model], Validation, Context);
            var score = Score(result.Table, "trial");
            return new TrialResult(trialId, configuration, double.IsNaN(score) ? double.PositiveInfinity : score, watch.Elapsed.TotalSeconds, cost, result.Failures.Count,
                double.IsNaN(score) ? "no validation forecast could be scored" : null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException or NotSupportedException)
        {
            return new TrialResult(trialId, configuration, double.PositiveInfinity, watch.Elapsed.TotalSeconds, cost, 0, e.Message);
        }
    }

    /// <summary>The metric of one model over the rows of a forecast table that have an actual.</summary>
    public double Score(ForecastTable table, string model)
    {
        var f = table.Forecast(model);
        var y = table.Actual;
        var actual = new List<double>();
        var forecast = new List<double>();
        for (var i = 0; i < table.Count; i++)
        {
            if (double.IsNaN(y[i])) continue;
            actual.Add(y[i]);
            forecast.Add(f[i]);
        }
        return actual.Count == 0 ? double.NaN : Metric.Evaluate(actual.ToArray(), forecast.ToArray());
    }
}
