using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Evaluation;
using Research.Forecasting.Features;
using Research.Forecasting.IO;
using Research.Forecasting.Models;

namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// The AutoML as a model: a <see cref="ForecastExperiment"/> over <see cref="ModelSpaces.Default"/> on the data's feature
/// set. In a benchmark it searches once, before the first test round (<see cref="Search(SeriesPanel, BacktestOptions, FitContext)"/>), and the chosen
/// configuration is refitted every test round; fitted directly, it searches on validation rounds at the end of the
/// training window and fits the best configuration on the whole window.
/// </summary>
public sealed record AutoMLForecaster(FeatureOptions Features) : ISearchingForecaster
{
    public string Label { get; init; } = "automl";

    public string Name => Label;

    /// <summary>Wall-clock budget of the search in seconds (0 = none).</summary>
    public double BudgetSeconds { get; init; } = 600;

    /// <summary>Trial limit (0 = none).</summary>
    public int MaxTrials { get; init; }

    public TunerKind Tuner { get; init; } = TunerKind.Cfo;

    public int ValidationRounds { get; init; } = 4;

    public Metric Metric { get; init; } = Metric.Mape;

    /// <summary>Families searched (null = lgbm, fasttree, linear).</summary>
    public IReadOnlyList<string>? Families { get; init; }

    /// <summary>Threads of every trial's learner.</summary>
    public int Threads { get; init; } = MachineLearningModels.Threads;

    /// <summary>Called after each trial (a progress display).</summary>
    public Action<TrialResult>? TrialDone { get; init; }

    /// <summary>
    /// The experiment this forecaster runs for a test protocol; with a <paramref name="cache"/>, a trial-limited search
    /// is kept there (<see cref="ForecastExperiment.SetCache"/>) under these options and the code's build.
    /// </summary>
    public ForecastExperiment Experiment(SeriesPanel panel, BacktestOptions test, FitContext context, BacktestCache? cache = null) =>
        new ForecastExperiment(panel, test)
            .SetCache(cache, Fingerprint.DescribeWithCode(this with { TrialDone = null }, typeof(ForecastExperiment)))
            .SetSearchSpace(ModelSpaces.Default(Features, Threads, Families))
            .SetTuner(Tuner)
            .SetTrainingTimeInSeconds(BudgetSeconds)
            .SetMaxTrials(MaxTrials)
            .SetValidationRounds(ValidationRounds)
            .SetMetric(Metric)
            .SetContext(context with { Parallelism = Threads });

    /// <summary>
    /// Searches through <paramref name="cache"/> and returns the chosen configuration as a plain forecaster (named
    /// <see cref="Label"/>), so its backtest is cached under the configuration: the same column as a notebook's
    /// <c>experiment.Best(result)</c> of the same search.
    /// </summary>
    public IForecaster Search(SeriesPanel panel, BacktestOptions test, FitContext context, BacktestCache? cache)
    {
        var experiment = Experiment(panel, test, context, cache);
        return experiment.Best(experiment.Run(TrialDone), Label);
    }

    public IForecaster Search(SeriesPanel panel, BacktestOptions test, FitContext context)
    {
        var experiment = Experiment(panel, test, context);
        var result = experiment.Run(TrialDone);
        return new SearchedForecaster(experiment.Best(result, Label), result);
    }

    public IForecastModel Fit(SeriesPanel train, FitContext context)
    {
        var horizon = Math.Max(1, context.Horizon);
        // one test round right after the training window: validation ends at its last period
        var test = new BacktestOptions { Horizon = horizon, Gap = context.Gap, Step = horizon, Rounds = 1, End = train.MaxTime + context.Gap + horizon - 1 };
        return Search(train, test, context).Fit(train, context);
    }
}

/// <summary>The forecaster an AutoML search chose, with the search's result (leaderboard, progress).</summary>
public sealed record SearchedForecaster(IForecaster Model, ExperimentResult Experiment) : IForecaster
{
    public string Name => Model.Name;

    public IForecastModel Fit(SeriesPanel train, FitContext context) => Model.Fit(train, context);
}
