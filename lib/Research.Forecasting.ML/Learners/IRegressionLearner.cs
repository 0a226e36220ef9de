using Research.Forecasting.Features;

namespace Research.Forecasting.ML.Learners;

/// <summary>
/// A regression algorithm over a <see cref="FeatureMatrix"/>: immutable options; <see cref="Train"/> returns a separate
/// fitted <see cref="IRegressionModel"/>. The global forecasters wrap one.
/// </summary>
public interface IRegressionLearner
{
    /// <summary>Short name (<c>lightgbm</c>, <c>fasttree</c>, <c>sdca</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Trains on <paramref name="train"/>; <paramref name="validation"/> (later periods than every training row, or null)
    /// is used for early stopping only.
    /// </summary>
    IRegressionModel Train(FeatureMatrix train, FeatureMatrix? validation, LearnerContext context);
}

/// <summary>A trained regression model.</summary>
public interface IRegressionModel
{
    /// <summary>One prediction per row of <paramref name="matrix"/> (same columns as the training matrix).</summary>
    float[] Predict(FeatureMatrix matrix);

    /// <summary>Importance of every feature column (total split gain for trees, |standardised weight| for linear models).</summary>
    IReadOnlyList<double> Importance { get; }

    /// <summary>Boosting iterations (trees) in the model; 0 for models without any.</summary>
    int Iterations { get; }
}

/// <summary>Seed and threads of one training run.</summary>
public sealed record LearnerContext(int Seed, int Threads);
