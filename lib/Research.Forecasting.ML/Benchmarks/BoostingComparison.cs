using System.Diagnostics;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Datasets;
using Research.Forecasting.Features;
using Research.Forecasting.ML.Learners;

namespace Research.Forecasting.ML.Benchmarks;

/// <summary>The tree shape and training settings matched between LightGBM and xgboost (tests/reference/xgboost_gbm.py).</summary>
/// <param name="Trees">Boosting rounds.</param>
/// <param name="Leaves">Maximum leaves per tree (LightGBM <c>num_leaves</c>, xgboost <c>max_leaves</c> with <c>grow_policy=lossguide</c>).</param>
/// <param name="Depth">Maximum depth (both).</param>
/// <param name="LearningRate">Shrinkage (<c>learning_rate</c>, <c>eta</c>).</param>
/// <param name="Bins">Histogram bins per feature (<c>max_bin</c>).</param>
/// <param name="MinLeaf">Minimum rows per leaf (<c>min_data_in_leaf</c>; xgboost <c>min_child_weight</c>, the hessian sum, equal for squared error).</param>
public sealed record TreeShape(int Trees = 500, int Leaves = 255, int Depth = 8, double LearningRate = 0.1, int Bins = 255, int MinLeaf = 20)
{
    /// <summary>The LightGBM learner with this shape: squared error, L2 penalty 1, no row or column sampling, categorical ids as numbers (as xgboost sees them).</summary>
    public LightGbmLearner Learner(LightGbmEngine engine) => new()
    {
        Engine = engine,
        Iterations = Trees,
        Leaves = Leaves,
        MaxDepth = Depth,
        LearningRate = LearningRate,
        Bins = Bins,
        MinLeafCount = MinLeaf,
        L2 = 1,
        FeatureFraction = 1,
        BaggingFraction = 1,
        Categorical = false,
        Objective = LightGbmObjective.L2,
    };
}

/// <summary>
/// LightGBM (both bindings) against xgboost on the same feature matrix: the orange-juice round-1 training window
/// (weeks 40..135) as <see cref="FeatureSets.OrangeJuice"/> builds it for the benchmark's gap 2 and horizon 2, rows
/// whose forecast week is in the last <see cref="ValidationWeeks"/> weeks held out for validation.
/// </summary>
public static class BoostingComparison
{
    public const int ValidationWeeks = 8;

    /// <summary>The training and validation matrices (log units).</summary>
    public static (FeatureMatrix Train, FeatureMatrix Validation) Matrices()
    {
        var protocol = OrangeJuiceBenchmark.Protocol();
        var panel = OrangeJuiceBenchmark.Prepare(OrangeJuice.Load()).Between(OrangeJuice.FirstWeek, protocol.Cutoff(1));
        var matrix = FeatureSets.OrangeJuice().Fit(panel).Training(panel, protocol.Gap, protocol.Steps);
        var split = protocol.Cutoff(1) - ValidationWeeks;
        return (matrix.Where(r => matrix.Time[r] <= split), matrix.Where(r => matrix.Time[r] > split));
    }

    /// <summary>Validation RMSE and the best training seconds of <paramref name="repeats"/> fits (after one warm-up fit).</summary>
    public static (double Rmse, double Seconds) Run(LightGbmLearner learner, FeatureMatrix train, FeatureMatrix validation, int threads, int repeats)
    {
        var context = new LearnerContext(Seed: 42, Threads: threads);
        var model = (learner with { Iterations = 2 }).Train(train, null, context); // warm-up: JIT, native library load
        var best = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            model = learner.Train(train, null, context);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return (Rmse(model.Predict(validation), validation.Labels), best);
    }

    public static double Rmse(float[] prediction, ReadOnlySpan<float> label)
    {
        double s = 0;
        for (var i = 0; i < prediction.Length; i++)
        {
            var e = (double)prediction[i] - label[i];
            s += e * e;
        }
        return Math.Sqrt(s / prediction.Length);
    }

    /// <summary>Sum of the training labels in double precision (the reference script reports the same checksum).</summary>
    public static double LabelSum(FeatureMatrix m)
    {
        double s = 0;
        foreach (var v in m.Labels) s += v;
        return s;
    }
}
