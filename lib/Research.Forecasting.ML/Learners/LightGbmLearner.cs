using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Research.Forecasting.Features;

namespace Research.Forecasting.ML.Learners;

/// <summary>The loss LightGBM minimises.</summary>
public enum LightGbmObjective
{
    /// <summary>Squared error (<c>regression</c>).</summary>
    L2,

    /// <summary>Absolute error (<c>regression_l1</c>): the conditional median.</summary>
    L1,

    /// <summary>Absolute percentage error (<c>mape</c>): absolute error weighted by 1/|y|.</summary>
    Mape,

    /// <summary>Poisson deviance with log link (<c>poisson</c>); needs a non-negative target.</summary>
    Poisson,

    /// <summary>Tweedie deviance with log link (<c>tweedie</c>, power <see cref="LightGbmLearner.TweediePower"/>); non-negative target.</summary>
    Tweedie,
}

/// <summary>Which binding of LightGBM trains the trees.</summary>
public enum LightGbmEngine
{
    /// <summary>
    /// The native library of Microsoft.ML.LightGbm called directly (<see cref="LightGbmNative"/>): the matrix goes to
    /// LightGBM as it is, every objective is available, categorical columns are passed by index.
    /// </summary>
    Native,

    /// <summary>
    /// ML.NET's <c>LightGbmRegressionTrainer</c> over an <c>IDataView</c> (categorical ids one-hot encoded and turned back
    /// into categorical features by ML.NET). Squared error only: ML.NET 5.0.1 sets <c>objective=regression</c> itself.
    /// </summary>
    MlNet,
}

/// <summary>
/// Gradient-boosted trees by LightGBM 4.6, the native library of Microsoft.ML.LightGbm 5.0.1: leaf-wise growth of at
/// most <see cref="Leaves"/> leaves per tree (and <see cref="MaxDepth"/>), histogram splits over <see cref="Bins"/> bins,
/// shrinkage <see cref="LearningRate"/>, row bagging and column sampling, L1/L2 penalties on leaf values, LightGBM's
/// categorical splits for the id columns, and the <see cref="Objective"/> (squared, absolute or percentage error,
/// Poisson or Tweedie deviance). With a validation matrix, training stops after <see cref="EarlyStoppingRounds"/>
/// rounds without improvement of the objective's metric on it and keeps the best iteration. Deterministic for a seed
/// and a thread count (<c>deterministic=true</c>, row-wise histograms). Reference: Ke et al. (2017), "LightGBM: A
/// highly efficient gradient boosting decision tree", NeurIPS 30.
/// <para>
/// The defaults are the documented orange-juice settings of microsoft/forecasting's LightGBM example
/// (<c>examples/grocery_sales/python/02_model/lightgbm_multi_round.ipynb</c>: objective <c>mape</c>, 124 leaves, at
/// least 340 rows per leaf, learning rate 0.1, feature fraction 0.65, bagging fraction 0.87), with 500 rounds (their
/// cap of 940 with early stopping), bagging redrawn every iteration and an L2 penalty of 1. The MAPE objective needs
/// the target on its own scale (no log transform).
/// </para>
/// </summary>
public sealed record LightGbmLearner : IBoostedLearner
{
    public IRegressionLearner WithIterations(int iterations) => this with { Iterations = iterations };

    public int Iterations { get; init; } = 500;

    public double LearningRate { get; init; } = 0.1;

    public int Leaves { get; init; } = 124;

    /// <summary>Maximum depth (0 = unlimited, LightGBM's −1).</summary>
    public int MaxDepth { get; init; }

    public int MinLeafCount { get; init; } = 340;

    public double FeatureFraction { get; init; } = 0.65;

    public double BaggingFraction { get; init; } = 0.87;

    /// <summary>Re-draw the row sample every this many iterations (0 = no bagging).</summary>
    public int BaggingFrequency { get; init; } = 1;

    public double L1 { get; init; }

    public double L2 { get; init; } = 1;

    public int Bins { get; init; } = 255;

    /// <summary>Split categorical id columns as categories (otherwise their codes are numbers).</summary>
    public bool Categorical { get; init; } = true;

    public LightGbmObjective Objective { get; init; } = LightGbmObjective.Mape;

    /// <summary>Tweedie power in (1, 2).</summary>
    public double TweediePower { get; init; } = 1.5;

    public int EarlyStoppingRounds { get; init; } = 50;

    public LightGbmEngine Engine { get; init; } = LightGbmEngine.Native;

    public string Name => "lightgbm";

    public IRegressionModel Train(FeatureMatrix train, FeatureMatrix? validation, LearnerContext context) =>
        Engine == LightGbmEngine.Native ? TrainNative(train, validation, context) : TrainMlNet(train, validation, context);

    /// <summary>LightGBM's parameters for this configuration (the dataset's and the booster's).</summary>
    public IReadOnlyList<KeyValuePair<string, object>> NativeParameters(IReadOnlyList<FeatureColumn> columns, LearnerContext context)
    {
        var p = new List<KeyValuePair<string, object>>
        {
            new("objective", Objective switch
            {
                LightGbmObjective.L1 => "regression_l1",
                LightGbmObjective.Mape => "mape",
                LightGbmObjective.Poisson => "poisson",
                LightGbmObjective.Tweedie => "tweedie",
                _ => "regression",
            }),
            new("metric", Objective switch
            {
                LightGbmObjective.L1 => "l1",
                LightGbmObjective.Mape => "mape",
                LightGbmObjective.Poisson => "poisson",
                LightGbmObjective.Tweedie => "tweedie",
                _ => "l2",
            }),
            new("num_leaves", Leaves),
            new("max_depth", MaxDepth > 0 ? MaxDepth : -1),
            new("learning_rate", LearningRate),
            new("min_data_in_leaf", MinLeafCount),
            new("feature_fraction", FeatureFraction),
            new("bagging_fraction", BaggingFraction),
            new("bagging_freq", BaggingFraction < 1 ? Math.Max(1, BaggingFrequency) : 0),
            new("lambda_l1", L1),
            new("lambda_l2", L2),
            new("max_bin", Bins),
            new("num_threads", Math.Max(1, context.Threads)),
            new("seed", context.Seed),
            new("deterministic", "true"),
            new("force_row_wise", "true"),
            new("verbosity", -1),
        };
        if (Objective == LightGbmObjective.Tweedie) p.Add(new("tweedie_variance_power", TweediePower));
        var categorical = Enumerable.Range(0, columns.Count).Where(j => columns[j].IsCategorical).ToArray();
        if (Categorical && categorical.Length > 0)
        {
            p.Add(new("categorical_feature", string.Join(',', categorical)));
            p.Add(new("min_data_per_group", 20));
            p.Add(new("cat_smooth", 10));
        }
        return p;
    }

    private IRegressionModel TrainNative(FeatureMatrix train, FeatureMatrix? validation, LearnerContext context)
    {
        var parameters = LightGbmNative.Parameters(NativeParameters(train.Columns, context));
        using var trainSet = new LightGbmNative.Dataset(train.Values, train.Rows, train.Width, train.Labels, parameters);
        using var validSet = validation is null ? null : new LightGbmNative.Dataset(validation.Values, validation.Rows, validation.Width, validation.Labels, parameters, trainSet);
        var booster = new LightGbmNative.Booster(trainSet, parameters);
        try
        {
            if (validSet is not null) booster.AddValidation(validSet);
            int best = 0, done = 0;
            var bestScore = double.PositiveInfinity;
            for (var i = 0; i < Iterations; i++)
            {
                if (booster.Update()) break;
                done = i + 1;
                if (validSet is null) continue;
                var score = booster.Eval(1);
                if (score < bestScore)
                {
                    bestScore = score;
                    best = done;
                }
                else if (done - best >= EarlyStoppingRounds) break;
            }
            var iterations = validSet is null ? done : Math.Max(1, best);
            return new NativeModel(booster, iterations, Math.Max(1, context.Threads), booster.GainImportance(iterations));
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    private IRegressionModel TrainMlNet(FeatureMatrix train, FeatureMatrix? validation, LearnerContext context)
    {
        if (Objective != LightGbmObjective.L2)
            throw new NotSupportedException($"ML.NET 5.0.1's LightGbmRegressionTrainer trains squared error only; {Objective} needs the native engine");
        LightGbmNative.Initialize();
        var ml = new MLContext(context.Seed);
        var data = new MatrixData(train.Columns, Categorical);
        var trainView = data.Load(ml, train);
        var featurizer = data.Featurize(ml).Fit(trainView);
        var options = new LightGbmRegressionTrainer.Options
        {
            NumberOfIterations = Iterations,
            LearningRate = LearningRate,
            NumberOfLeaves = Leaves,
            MinimumExampleCountPerLeaf = MinLeafCount,
            MaximumBinCountPerFeature = Bins,
            UseCategoricalSplit = Categorical && data.HasCategorical,
            MinimumExampleCountPerGroup = 20,
            CategoricalSmoothing = 10,
            NumberOfThreads = Math.Max(1, context.Threads),
            Seed = context.Seed,
            Silent = true,
            EarlyStoppingRound = validation is null ? 0 : EarlyStoppingRounds,
            EvaluationMetric = LightGbmRegressionTrainer.Options.EvaluateMetricType.MeanSquaredError,
            Booster = new GradientBooster.Options
            {
                FeatureFraction = FeatureFraction,
                SubsampleFraction = BaggingFraction,
                SubsampleFrequency = BaggingFraction < 1 ? Math.Max(1, BaggingFrequency) : 0,
                L1Regularization = L1,
                L2Regularization = L2,
                MaximumTreeDepth = MaxDepth,
            },
        };
        var trainer = ml.Regression.Trainers.LightGbm(options);
        var trainFeatures = featurizer.Transform(trainView);
        var model = validation is null
            ? trainer.Fit(trainFeatures)
            : trainer.Fit(trainFeatures, featurizer.Transform(data.Load(ml, validation)));
        var weights = default(VBuffer<float>);
        model.Model.GetFeatureWeights(ref weights);
        var importance = data.ColumnImportance(weights.DenseValues().ToArray());
        return new TreeModel(ml, data, featurizer, model, importance, model.Model.TrainedTreeEnsemble.Trees.Count);
    }

    /// <summary>A booster trained by the native engine, predicting with its best iteration.</summary>
    private sealed class NativeModel(LightGbmNative.Booster booster, int iterations, int threads, double[] importance) : IRegressionModel
    {
        public IReadOnlyList<double> Importance => importance;

        public int Iterations => iterations;

        public float[] Predict(FeatureMatrix matrix)
        {
            lock (booster)
            {
                var p = booster.Predict(matrix.Values, matrix.Rows, matrix.Width, iterations, threads);
                return [.. p.Select(v => (float)v)];
            }
        }

        ~NativeModel() => booster.Dispose();
    }
}
