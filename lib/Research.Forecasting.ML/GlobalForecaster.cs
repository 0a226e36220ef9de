using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.Features;
using Research.Forecasting.ML.Learners;
using Research.Forecasting.Models;

namespace Research.Forecasting.ML;

/// <summary>
/// One regression model over every series of the panel (a "global" model), forecasting directly at every horizon:
/// each training period t of each series gives one row per forecast step h (gap..gap+horizon−1), built from origin
/// t − h by <see cref="Features"/>, with h itself as a feature. Horizon as a feature rather than one model per step:
/// the steps share their trees (twice the rows for the orange-juice gap of 2 and horizon of 2, one fit per round), and
/// a step the model never saw before the gap is forecast from an earlier origin at the gap. The target transform of
/// the features (log units for orange juice) is undone on the forecasts. With <see cref="ValidationPeriods"/> &gt; 0 the
/// last periods of the training window (later than every row trained on) choose the number of boosting iterations by
/// early stopping, and the model is then refitted on the whole window with that number.
/// </summary>
public sealed record GlobalForecaster(IRegressionLearner Learner, FeatureOptions Features) : IForecaster
{
    /// <summary>Name in result tables; defaults to the learner's.</summary>
    public string? Label { get; init; }

    public string Name => Label ?? Learner.Name;

    /// <summary>Periods at the end of the training window held out for early stopping (0 = train once, no early stopping).</summary>
    public int ValidationPeriods { get; init; }

    /// <summary>Threads of the learner (fixed, so results do not depend on the machine; the fit context's parallelism when 0).</summary>
    public int Threads { get; init; }

    /// <summary>
    /// An outlier rule learned on each training window only (<see cref="Outliers.Fit"/>: trailing windows) and applied to
    /// the target of the training window and of every history before the features are built; null = none. Use
    /// <see cref="OutlierAction.Cap"/> or <see cref="OutlierAction.SetMissing"/>.
    /// </summary>
    public Outliers? Cleaning { get; init; }

    /// <summary>Steps to train for when the fit context does not say (gap 1).</summary>
    public int DefaultSteps { get; init; } = 1;

    public IForecastModel Fit(SeriesPanel train, FitContext context)
    {
        ArgumentNullException.ThrowIfNull(train);
        var gap = context.Steps > 0 ? context.Gap : 1;
        var steps = context.Steps > 0 ? context.Steps : DefaultSteps;
        var learnerContext = new LearnerContext(context.Seed, Threads > 0 ? Threads : Math.Max(1, context.Parallelism));
        var cleaning = Cleaning?.Fit(train);
        if (cleaning is not null) train = cleaning.Apply(train).Panel;
        var features = Features.Fit(train);
        var matrix = features.Training(train, gap, steps);
        if (matrix.Rows == 0) throw new ArgumentException($"{Name}: no training rows (every series is shorter than the history the features need)");
        IRegressionModel model;
        if (ValidationPeriods > 0)
        {
            var split = train.MaxTime - ValidationPeriods;
            var fitPart = matrix.Where(r => matrix.Time[r] <= split);
            var validPart = matrix.Where(r => matrix.Time[r] > split);
            if (fitPart.Rows == 0 || validPart.Rows == 0)
                throw new ArgumentException($"{Name}: {ValidationPeriods} validation periods leave {fitPart.Rows} training and {validPart.Rows} validation rows");
            var probe = Learner.Train(fitPart, validPart, learnerContext);
            model = Learner is IBoostedLearner boosted && probe.Iterations > 0
                ? boosted.WithIterations(probe.Iterations).Train(matrix, null, learnerContext)
                : probe;
        }
        else model = Learner.Train(matrix, null, learnerContext);
        return new Fitted(this, features, model, gap, [.. train.Series.Select(s => s.Id)]) { Cleaning = cleaning };
    }

    /// <summary>A fitted global model: its features, the regression model and what it learned from.</summary>
    public sealed class Fitted : IForecastModel
    {
        private readonly GlobalForecaster _spec;
        private readonly string[] _ids;

        internal Fitted(GlobalForecaster spec, FittedFeatures features, IRegressionModel model, int gap, string[] ids)
        {
            _spec = spec;
            Features = features;
            Model = model;
            Gap = gap;
            _ids = ids;
        }

        public FittedFeatures Features { get; }

        /// <summary>The outlier rule learned on the training window, or null.</summary>
        public FittedOutliers? Cleaning { get; init; }

        public IRegressionModel Model { get; }

        /// <summary>The shortest step the model learned.</summary>
        public int Gap { get; }

        /// <summary>Feature importance by column, largest first.</summary>
        public IReadOnlyList<(string Feature, double Importance)> Importance =>
            [.. Features.Columns.Select((c, j) => (c.Name, Model.Importance[j])).OrderByDescending(p => p.Item2).ThenBy(p => p.Name, StringComparer.Ordinal)];

        public PanelForecast Forecast(SeriesPanel history, SeriesPanel future, int steps, IReadOnlyList<double>? levels = null)
        {
            var forecasts = new SeriesForecast?[history.SeriesCount];
            var errors = new string?[history.SeriesCount];
            var usable = new List<int>();
            for (var i = 0; i < history.SeriesCount; i++)
            {
                var id = history[i].Id;
                if (history[i].Length == 0) errors[i] = $"{_spec.Name}: series {id} has no history";
                else usable.Add(i);
            }
            if (usable.Count > 0)
            {
                var h = history.Select(usable);
                if (Cleaning is not null) h = Cleaning.Apply(h).Panel;
                var f = future.Select(usable);
                var matrix = Features.Forecast(h, f, Gap, steps);
                var predictions = Model.Predict(matrix);
                var transform = Features.Options.Transform;
                for (var k = 0; k < usable.Count; k++)
                {
                    var mean = new double[steps];
                    for (var s = 0; s < steps; s++) mean[s] = transform.Invert(predictions[k * steps + s]);
                    if (mean.Any(v => !double.IsFinite(v))) errors[usable[k]] = $"{_spec.Name}: a forecast of series {h[k].Id} is not finite";
                    else forecasts[usable[k]] = new SeriesForecast(mean);
                }
            }
            return new PanelForecast(forecasts, errors);
        }

        /// <summary>The series the model was fitted on.</summary>
        public IReadOnlyList<string> SeriesIds => _ids;
    }
}

/// <summary>A boosting learner whose number of iterations can be set (for refitting after early stopping).</summary>
public interface IBoostedLearner : IRegressionLearner
{
    IRegressionLearner WithIterations(int iterations);
}
