using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Research.Forecasting.Features;

namespace Research.Forecasting.ML.Learners;

/// <summary>The loss a FastTree ensemble minimises.</summary>
public enum FastTreeLoss
{
    /// <summary>Squared error (<c>FastTreeRegressionTrainer</c>).</summary>
    L2,

    /// <summary>Tweedie deviance with log link (<c>FastTreeTweedieTrainer</c>), for counts; needs a non-negative target.</summary>
    Tweedie,
}

/// <summary>
/// Gradient-boosted trees by ML.NET's own FastTree (MART; Microsoft.ML.FastTree 5.0.1): trees of at most
/// <see cref="Leaves"/> leaves grown best-first, shrinkage <see cref="LearningRate"/>, feature fraction per tree,
/// categorical splits for the id columns; squared error or the Tweedie deviance (power <see cref="TweedieIndex"/>,
/// predictions <c>exp</c> of the ensemble). With a validation matrix, the tree count is chosen by the validation loss
/// (ML.NET's early-stopping rule). Reference: Friedman (2001), "Greedy function approximation: a gradient boosting
/// machine", Annals of Statistics 29(5).
/// </summary>
public sealed record FastTreeLearner : IBoostedLearner
{
    public IRegressionLearner WithIterations(int iterations) => this with { Trees = iterations };

    public int Trees { get; init; } = 500;

    public double LearningRate { get; init; } = 0.1;

    public int Leaves { get; init; } = 31;

    public int MinLeafCount { get; init; } = 50;

    public double FeatureFraction { get; init; } = 0.8;

    public int Bins { get; init; } = 255;

    public bool Categorical { get; init; } = true;

    public FastTreeLoss Loss { get; init; } = FastTreeLoss.L2;

    /// <summary>Tweedie power in [1, 2]: 1 Poisson, 2 gamma.</summary>
    public double TweedieIndex { get; init; } = 1.5;

    public string Name => Loss == FastTreeLoss.Tweedie ? "fasttree-tweedie" : "fasttree";

    public IRegressionModel Train(FeatureMatrix train, FeatureMatrix? validation, LearnerContext context)
    {
        PackageNatives.Register();
        var ml = new MLContext(context.Seed);
        var data = new MatrixData(train.Columns, Categorical);
        var trainView = data.Load(ml, train);
        var featurizer = data.Featurize(ml).Fit(trainView);
        var trainFeatures = featurizer.Transform(trainView);
        var validFeatures = validation is null ? null : featurizer.Transform(data.Load(ml, validation));
        ITransformer model;
        TreeEnsembleModelParametersBasedOnRegressionTree parameters;
        if (Loss == FastTreeLoss.Tweedie)
        {
            var options = Configure(new FastTreeTweedieTrainer.Options { Index = TweedieIndex }, context, validation is not null);
            var trainer = ml.Regression.Trainers.FastTreeTweedie(options);
            var fitted = validFeatures is null ? trainer.Fit(trainFeatures) : trainer.Fit(trainFeatures, validFeatures);
            (model, parameters) = (fitted, fitted.Model);
        }
        else
        {
            var options = Configure(new FastTreeRegressionTrainer.Options(), context, validation is not null);
            var trainer = ml.Regression.Trainers.FastTree(options);
            var fitted = validFeatures is null ? trainer.Fit(trainFeatures) : trainer.Fit(trainFeatures, validFeatures);
            (model, parameters) = (fitted, fitted.Model);
        }
        var weights = default(VBuffer<float>);
        parameters.GetFeatureWeights(ref weights);
        return new TreeModel(ml, data, featurizer, model, data.ColumnImportance(weights.DenseValues().ToArray()), parameters.TrainedTreeEnsemble.Trees.Count);
    }

    private T Configure<T>(T o, LearnerContext context, bool validate) where T : BoostedTreeOptions
    {
        o.NumberOfTrees = Trees;
        o.LearningRate = LearningRate;
        o.NumberOfLeaves = Leaves;
        o.MinimumExampleCountPerLeaf = MinLeafCount;
        o.FeatureFraction = FeatureFraction;
        o.MaximumBinCountPerFeature = Bins;
        o.CategoricalSplit = Categorical;
        o.NumberOfThreads = Math.Max(1, context.Threads);
        o.Seed = context.Seed;
        o.FeatureSelectionSeed = context.Seed;
        if (validate) o.EarlyStoppingRule = new TolerantEarlyStoppingRule();
        return o;
    }
}
