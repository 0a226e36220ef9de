using Microsoft.ML;
using Research.Forecasting.Features;

namespace Research.Forecasting.ML.Learners;

/// <summary>
/// Linear regression by ML.NET's SDCA (stochastic dual coordinate ascent on the squared loss with an L2 penalty
/// <see cref="L2"/>): missing values replaced by the training mean, features standardised, categorical ids one-hot
/// encoded. A cheap global baseline. Reference: Shalev-Shwartz and Zhang (2013), "Stochastic dual coordinate ascent
/// methods for regularized loss minimization", JMLR 14.
/// </summary>
public sealed record SdcaLearner : IRegressionLearner
{
    public double? L2 { get; init; }

    /// <summary>Passes over the data (null = ML.NET's automatic choice).</summary>
    public int? MaxIterations { get; init; }

    public string Name => "sdca";

    public IRegressionModel Train(FeatureMatrix train, FeatureMatrix? validation, LearnerContext context)
    {
        var ml = new MLContext(context.Seed);
        var data = new MatrixData(train.Columns, categorical: true);
        var view = data.Load(ml, train);
        var featurizer = ml.Transforms.ReplaceMissingValues("Numeric", replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean)
            .Append(data.Featurize(ml))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Fit(view);
        var trainer = ml.Regression.Trainers.Sdca(new Microsoft.ML.Trainers.SdcaRegressionTrainer.Options
        {
            L2Regularization = (float?)L2,
            MaximumNumberOfIterations = MaxIterations,
            NumberOfThreads = 1, // SDCA is deterministic only single-threaded
            Shuffle = true,
        });
        var model = trainer.Fit(featurizer.Transform(view));
        var weights = model.Model.Weights.Select(w => Math.Abs(w)).ToArray();
        return new TreeModel(ml, data, featurizer, model, data.ColumnImportance(weights), 0);
    }
}
