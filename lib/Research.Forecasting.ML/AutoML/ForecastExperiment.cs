using System.Diagnostics;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Evaluation;
using Research.Forecasting.Features;
using Research.Forecasting.IO;
using Research.Forecasting.Models;

namespace Research.Forecasting.ML.AutoML;

/// <summary>The tuners an experiment can use.</summary>
public enum TunerKind
{
    /// <summary>Cost-frugal local search (<see cref="CfoTuner"/>), the default.</summary>
    Cfo,

    /// <summary><see cref="RandomSearchTuner"/>.</summary>
    Random,
}

/// <summary>
/// A time-aware AutoML experiment, shaped like ML.NET AutoML's (<c>mlContext.Auto().CreateExperiment()</c>, then
/// <c>SetSearchSpace</c>, <c>SetTuner</c>, <c>SetTrialRunner</c>, <c>SetTrainingTimeInSeconds</c>, <c>Run</c>), but
/// validated in time order: every trial is scored through the backtester on validation rounds that end at the first
/// test round's cutoff (<see cref="ValidationProtocol.Before"/>), never by random k-fold or random splits. The tuner
/// proposes, the trial runner scores, the tuner learns, until the wall-clock budget or the trial limit is reached.
/// </summary>
public sealed class ForecastExperiment
{
    private readonly SeriesPanel _panel;
    private readonly BacktestOptions _test;
    private ModelSpaces? _spaces;
    private FeatureOptions? _features;
    private TunerKind _tunerKind = TunerKind.Cfo;
    private ITuner? _tuner;
    private ITrialRunner? _runner;
    private double _budgetSeconds = 600;
    private int _maxTrials;
    private int _validationRounds = 4;
    private int? _refitEvery;
    private Metric _metric = Metric.Mape;
    private FitContext _context = new(Seed: 42, Parallelism: MachineLearningModels.Threads);
    private BacktestCache? _cache;
    private string? _cacheDescription;

    /// <summary>An experiment on <paramref name="panel"/> for the test protocol <paramref name="test"/>.</summary>
    public ForecastExperiment(SeriesPanel panel, BacktestOptions test)
    {
        ArgumentNullException.ThrowIfNull(panel);
        test.Validate();
        _panel = panel;
        _test = test;
    }

    /// <summary>The model families and their hyperparameters (default: <see cref="ModelSpaces.Default"/> on the feature set).</summary>
    public ForecastExperiment SetSearchSpace(ModelSpaces spaces)
    {
        _spaces = spaces;
        return this;
    }

    /// <summary>The data's feature set, which the default search space varies.</summary>
    public ForecastExperiment SetFeatures(FeatureOptions features)
    {
        _features = features;
        return this;
    }

    public ForecastExperiment SetTuner(TunerKind kind)
    {
        _tunerKind = kind;
        _tuner = null;
        return this;
    }

    /// <summary>A tuner of one's own (it must propose configurations of the search space's families).</summary>
    public ForecastExperiment SetTuner(ITuner tuner)
    {
        _tuner = tuner;
        return this;
    }

    public ForecastExperiment SetTrialRunner(ITrialRunner runner)
    {
        _runner = runner;
        return this;
    }

    /// <summary>Wall-clock budget: no trial starts after it is spent (0 = none; then a trial limit is needed).</summary>
    public ForecastExperiment SetTrainingTimeInSeconds(double seconds)
    {
        if (seconds < 0) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "cannot be negative");
        _budgetSeconds = seconds;
        return this;
    }

    /// <summary>At most this many trials (0 = no limit).</summary>
    public ForecastExperiment SetMaxTrials(int trials)
    {
        if (trials < 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, "cannot be negative");
        _maxTrials = trials;
        return this;
    }

    /// <summary>Validation rounds before the first test round (default 4).</summary>
    public ForecastExperiment SetValidationRounds(int rounds)
    {
        if (rounds < 1) throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "at least 1");
        _validationRounds = rounds;
        return this;
    }

    /// <summary>Refit every this many validation rounds (default: once per trial, at the first validation cutoff).</summary>
    public ForecastExperiment SetValidationRefit(int every)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "at least 1");
        _refitEvery = every;
        return this;
    }

    /// <summary>The validation metric, lower is better (default MAPE).</summary>
    public ForecastExperiment SetMetric(Metric metric)
    {
        _metric = metric;
        return this;
    }

    /// <summary>Seed (of the tuner and every fit) and threads.</summary>
    public ForecastExperiment SetContext(FitContext context)
    {
        _context = context;
        return this;
    }

    /// <summary>
    /// Keeps the search's trials in <paramref name="cache"/> (<see cref="BacktestCache.Remember"/>) when it can be
    /// repeated exactly: a trial limit and no time budget, the built-in tuner and trial runner. The key is
    /// <paramref name="description"/> (what the search space and the experiment's settings are, e.g. the AutoML
    /// forecaster's options and code build), the panel's content, the test protocol and the seed. A rerun, or another
    /// notebook asking for the same search, reads the trials (with the seconds measured when they ran) instead of
    /// running them; null: no cache.
    /// </summary>
    public ForecastExperiment SetCache(BacktestCache? cache, string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        _cache = cache;
        _cacheDescription = description;
        return this;
    }

    /// <summary>The validation protocol every trial is scored on.</summary>
    public BacktestOptions Validation => ValidationProtocol.Before(_test, _validationRounds, _refitEvery);

    /// <summary>The search space in use.</summary>
    public ModelSpaces Spaces => _spaces ??= ModelSpaces.Default(_features ?? throw new InvalidOperationException("set a search space or the feature set first"), Math.Max(1, _context.Parallelism));

    /// <summary>
    /// Runs the search. <paramref name="trialDone"/> sees every result as it comes (for a progress display). Stops at the
    /// trial limit, or when the budget is spent (a running trial finishes).
    /// </summary>
    public ExperimentResult Run(Action<TrialResult>? trialDone = null)
    {
        if (_budgetSeconds == 0 && _maxTrials == 0) throw new InvalidOperationException("set a time budget or a trial limit");
        if (_cache is null || _budgetSeconds > 0 || _tuner is not null || _runner is not null) return Search(trialDone);
        var description = string.Join('\n', "automl search", _cacheDescription, Fingerprint.Of(_panel),
            Fingerprint.Describe(_test with { Levels = [] }), Fingerprint.Describe(Validation), _maxTrials, _tunerKind, _metric, _context.Seed);
        return _cache.Remember(description, () => SavedSearch.From(Search(trialDone))).ToResult(Spaces);
    }

    private ExperimentResult Search(Action<TrialResult>? trialDone)
    {
        var validation = Validation;
        ValidationProtocol.CheckBefore(validation, _test);
        var spaces = Spaces;
        var tuner = _tuner ?? (_tunerKind == TunerKind.Random ? new RandomSearchTuner(spaces.Spaces, _context.Seed) : new CfoTuner(spaces.Spaces, _context.Seed));
        var runner = _runner ?? new BacktestTrialRunner(_panel, validation, spaces, _metric, _context);
        var trials = new List<TrialResult>();
        var watch = Stopwatch.StartNew();
        string reason;
        while (true)
        {
            if (_maxTrials > 0 && trials.Count >= _maxTrials) { reason = $"trial limit ({_maxTrials})"; break; }
            if (_budgetSeconds > 0 && watch.Elapsed.TotalSeconds >= _budgetSeconds) { reason = $"time budget ({_budgetSeconds:0} s)"; break; }
            var configuration = tuner.Propose(trials.Count);
            var result = runner.Run(trials.Count, configuration);
            tuner.Update(result);
            trials.Add(result);
            trialDone?.Invoke(result);
        }
        return new ExperimentResult(trials, reason, watch.Elapsed.TotalSeconds);
    }

    /// <summary>The best configuration of <paramref name="result"/> as a forecaster named <paramref name="label"/>, for the test rounds.</summary>
    public IForecaster Best(ExperimentResult result, string label = "automl") => Spaces.Build(result.Best.Configuration, label);
}
