using System.Globalization;
using Research.Forecasting.Features;
using Research.Forecasting.ML.Learners;
using Research.Forecasting.Models;

namespace Research.Forecasting.ML.AutoML;

/// <summary>One model family of a search: its space, how a configuration becomes a forecaster, and a cost estimate.</summary>
/// <param name="Space">The hyperparameters.</param>
/// <param name="Build">The forecaster of a configuration, with a label.</param>
/// <param name="Cost">A deterministic estimate of a configuration's training cost (relative units), used by the tuners instead of wall seconds.</param>
public sealed record ModelSpace(SearchSpace Space, Func<Configuration, string, IForecaster> Build, Func<Configuration, double> Cost);

/// <summary>
/// The model families an AutoML search chooses among (the search space of the experiment): LightGBM, FastTree and
/// the SDCA linear model on the data's feature set, each with its learner's hyperparameters and the feature options
/// (lags from the origin, the rolling windows, the loss and target scale).
/// </summary>
public sealed class ModelSpaces
{
    public const string LightGbm = "lgbm", FastTree = "fasttree", Linear = "linear";

    private readonly IReadOnlyList<ModelSpace> _families;

    public ModelSpaces(IReadOnlyList<ModelSpace> families)
    {
        if (families.Count == 0) throw new ArgumentException("no model family to search", nameof(families));
        _families = families;
    }

    public IReadOnlyList<SearchSpace> Spaces => [.. _families.Select(f => f.Space)];

    public IForecaster Build(Configuration configuration, string label) => Family(configuration).Build(configuration, label);

    public double Cost(Configuration configuration) => Family(configuration).Cost(configuration);

    private ModelSpace Family(Configuration c) =>
        _families.FirstOrDefault(f => ReferenceEquals(f.Space, c.Space)) ?? throw new ArgumentException($"configuration of unknown family '{c.Family}'", nameof(c));

    /// <summary>
    /// The default families on <paramref name="features"/> (the data's feature set), learners on
    /// <paramref name="threads"/> threads. <paramref name="families"/> picks among <c>lgbm</c>, <c>fasttree</c>,
    /// <c>linear</c> (all by default).
    /// </summary>
    /// <remarks>
    /// With <paramref name="startAtDefaults"/> the LightGBM search starts at the learner's documented defaults (a known
    /// good point, as FLAML's <c>points_to_evaluate</c> and ML.NET AutoML's default trials); otherwise at its low-cost
    /// corner (60 rounds of 15 leaves), the pure cost-frugal start.
    /// </remarks>
    public static ModelSpaces Default(FeatureOptions features, int threads = MachineLearningModels.Threads, IReadOnlyList<string>? families = null, bool startAtDefaults = true)
    {
        families ??= [LightGbm, FastTree, Linear];
        var windows = WindowChoices(features);
        var lags = features.Families.OfType<LagFeatures>().FirstOrDefault()?.Count ?? 8;
        var list = new List<ModelSpace>();
        foreach (var name in families)
        {
            list.Add(name switch
            {
                LightGbm => LightGbmSpace(features, windows, lags, threads, startAtDefaults),
                FastTree => FastTreeSpace(features, windows, lags, threads),
                Linear => LinearSpace(features, windows, lags, threads),
                _ => throw new ArgumentException($"unknown model family '{name}'; the AutoML searches {LightGbm}, {FastTree}, {Linear}", nameof(families)),
            });
        }
        return new ModelSpaces(list);
    }

    /// <summary>
    /// Losses of the LightGBM space: percentage error on the original scale (first: the search starts there, MAPE being
    /// this repository's headline metric), squared or absolute error of the transformed target, Poisson deviance.
    /// </summary>
    public static IReadOnlyList<string> LightGbmLosses { get; } = ["mape", "log-l2", "log-l1", "poisson"];

    private static ModelSpace LightGbmSpace(FeatureOptions features, IReadOnlyList<int[]> windows, int lags, int threads, bool startAtDefaults)
    {
        var d = new LightGbmLearner();
        var space = new SearchSpace(LightGbm,
        [
            new IntDimension("iterations", 20, 2000, startAtDefaults ? d.Iterations : 60, Log: true),
            new IntDimension("leaves", 4, 512, startAtDefaults ? d.Leaves : 15, Log: true),
            new IntDimension("min_leaf", 5, 2000, startAtDefaults ? d.MinLeafCount : 50, Log: true),
            new FloatDimension("learning_rate", 0.01, 0.3, d.LearningRate, Log: true),
            new FloatDimension("feature_fraction", 0.3, 1, startAtDefaults ? d.FeatureFraction : 0.8),
            new FloatDimension("bagging_fraction", 0.5, 1, startAtDefaults ? d.BaggingFraction : 0.8),
            new FloatDimension("l2", 1e-3, 100, d.L2, Log: true),
            new ChoiceDimension("loss", LightGbmLosses, 0),
            new IntDimension("lags", 2, 26, Math.Clamp(lags, 2, 26)),
            new ChoiceDimension("windows", [.. windows.Select(Label)], 0),
        ]);
        return new ModelSpace(space, (c, label) =>
        {
            var loss = c.Choice("loss");
            var learner = new LightGbmLearner
            {
                Iterations = c.Int("iterations"),
                Leaves = c.Int("leaves"),
                MinLeafCount = c.Int("min_leaf"),
                LearningRate = c.Double("learning_rate"),
                FeatureFraction = c.Double("feature_fraction"),
                BaggingFraction = c.Double("bagging_fraction"),
                L2 = c.Double("l2"),
                Objective = loss switch { "log-l1" => LightGbmObjective.L1, "mape" => LightGbmObjective.Mape, "poisson" => LightGbmObjective.Poisson, _ => LightGbmObjective.L2 },
            };
            var transform = loss.StartsWith("log", StringComparison.Ordinal) ? features.Transform : TargetTransform.None;
            return new GlobalForecaster(learner, Vary(features, c, windows, transform)) { Label = label, Threads = threads };
        }, c => c.Int("iterations") * Math.Log2(c.Int("leaves") + 1) / 100);
    }

    private static ModelSpace FastTreeSpace(FeatureOptions features, IReadOnlyList<int[]> windows, int lags, int threads)
    {
        var space = new SearchSpace(FastTree,
        [
            new IntDimension("trees", 20, 1000, 50, Log: true),
            new IntDimension("leaves", 4, 256, 15, Log: true),
            new IntDimension("min_leaf", 5, 1000, 20, Log: true),
            new FloatDimension("learning_rate", 0.02, 0.4, 0.1, Log: true),
            new FloatDimension("feature_fraction", 0.3, 1, 0.8),
            new ChoiceDimension("loss", ["log-l2", "tweedie"], 0),
            new IntDimension("lags", 2, 26, Math.Clamp(lags, 2, 26)),
            new ChoiceDimension("windows", [.. windows.Select(Label)], 0),
        ]);
        return new ModelSpace(space, (c, label) =>
        {
            var tweedie = c.Choice("loss") == "tweedie";
            var learner = new FastTreeLearner
            {
                Trees = c.Int("trees"),
                Leaves = c.Int("leaves"),
                MinLeafCount = c.Int("min_leaf"),
                LearningRate = c.Double("learning_rate"),
                FeatureFraction = c.Double("feature_fraction"),
                Loss = tweedie ? FastTreeLoss.Tweedie : FastTreeLoss.L2,
            };
            return new GlobalForecaster(learner, Vary(features, c, windows, tweedie ? TargetTransform.None : features.Transform)) { Label = label, Threads = threads };
        }, c => 3 * c.Int("trees") * Math.Log2(c.Int("leaves") + 1) / 100);
    }

    private static ModelSpace LinearSpace(FeatureOptions features, IReadOnlyList<int[]> windows, int lags, int threads)
    {
        var space = new SearchSpace(Linear,
        [
            new FloatDimension("l2", 1e-3, 10, 1e-2, Log: true),
            new IntDimension("lags", 2, 26, Math.Clamp(lags, 2, 26)),
            new ChoiceDimension("windows", [.. windows.Select(Label)], 0),
        ]);
        return new ModelSpace(space, (c, label) =>
            new GlobalForecaster(new SdcaLearner { L2 = c.Double("l2") }, Vary(features, c, windows, features.Transform)) { Label = label, Threads = threads },
            _ => 5);
    }

    /// <summary>The feature set with the configuration's lag count, rolling windows and target transform.</summary>
    private static FeatureOptions Vary(FeatureOptions features, Configuration c, IReadOnlyList<int[]> windows, TargetTransform transform)
    {
        var chosen = windows[(int)c["windows"]];
        var families = features.Families.Select(f => f switch
        {
            LagFeatures l => l with { Count = c.Int("lags") },
            RollingFeatures r => r with { Windows = chosen },
            _ => f,
        }).ToArray();
        return features with { Families = families, Transform = transform };
    }

    /// <summary>The rolling windows of the feature set, the same without the longest, and with half-length windows added.</summary>
    private static IReadOnlyList<int[]> WindowChoices(FeatureOptions features)
    {
        var baseline = features.Families.OfType<RollingFeatures>().FirstOrDefault()?.Windows.ToArray() ?? [4, 12];
        var shorter = baseline.Length > 1 ? baseline.OrderBy(w => w).SkipLast(1).ToArray() : baseline;
        var denser = baseline.Concat(baseline.Select(w => Math.Max(2, w / 2))).Distinct().OrderBy(w => w).ToArray();
        return [baseline, shorter, denser];
    }

    private static string Label(int[] windows) => string.Join('+', windows.Select(w => w.ToString(CultureInfo.InvariantCulture)));
}
