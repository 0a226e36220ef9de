using Research.Forecasting.ML.AutoML;
using Research.Forecasting.ML.Learners;
using Research.Forecasting.ML.Linear;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;

namespace Research.Forecasting.ML;

/// <summary>
/// The ML.NET model family: global gradient-boosted trees (LightGBM, FastTree), a global linear model (SDCA), the
/// per-series log-log regression, and the time-aware AutoML over them. Add it to a catalog with
/// <c>ModelCatalog.Core.With(new MachineLearningModels())</c>.
/// </summary>
public sealed class MachineLearningModels : IModelFamily
{
    /// <summary>Threads every learner uses (fixed, so a run gives the same numbers on any machine).</summary>
    public const int Threads = 2;

    public string Name => "machine learning";

    public IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new("lgbm", "LightGBM (Microsoft.ML.LightGbm) global model over every series, direct multi-horizon, MAPE objective", s => Global(new LightGbmLearner(), OriginalScale(s), "lgbm"))
        {
            Options =
            [
                "features: the setting's feature set on the original scale (the MAPE objective weighs errors by 1/y itself)",
                "microsoft/forecasting's OJ settings: objective mape, 124 leaves, min 340 rows per leaf, learning rate 0.1, feature fraction 0.65, bagging 0.87; 500 rounds, L2 1",
                "2 threads, the run's seed",
            ],
        },
        new("lgbm-l2", "LightGBM with squared error on the setting's transformed target (log units for orange juice)", s => Global(new LightGbmLearner { Objective = LightGbmObjective.L2 }, s, "lgbm-l2"))
        {
            Options = ["as lgbm, objective regression (L2) on the transformed target"],
        },
        new("fasttree", "FastTree (ML.NET) global model over every series, direct multi-horizon", s => Global(new FastTreeLearner(), s, "fasttree"))
        {
            Options = ["features: the setting's feature set", "500 trees, learning rate 0.1, 31 leaves, min 50 rows per leaf", "2 threads, the run's seed"],
        },
        new("fasttree-tweedie", "FastTree with the Tweedie loss (power 1.5) on the untransformed target", s => Global(new FastTreeLearner { Loss = FastTreeLoss.Tweedie }, OriginalScale(s), "fasttree-tweedie"))
        {
            Options = ["features: the setting's feature set on the original scale"],
        },
        new("linear", "linear regression (ML.NET SDCA) global model on the same features", s => Global(new SdcaLearner(), s, "linear"))
        {
            Options = ["features: the setting's feature set; missing values mean-filled, standardised"],
        },
        new("loglog", "per-series log-log regression on price and promotion", s => new LocalForecaster(new LogLogRegression()) { Transform = s.Transform, Regressors = s.Regressors, Label = "loglog" })
        {
            Options = ["regressors: the setting's dynamic covariates (positive continuous ones logged)"],
        },
        new("automl", "time-aware AutoML (CFO) over lgbm, fasttree and linear, validated on the rounds before the first test round", s => new AutoMLForecaster(s.FeaturesOrDefault))
        {
            Options = ["600 s budget, 4 validation rounds, MAPE, the run's seed; searches once before the first test round in a benchmark"],
        },
    ];

    /// <summary>The setting with its features on the target's own scale.</summary>
    public static ModelSetting OriginalScale(ModelSetting s) => s with { Features = s.FeaturesOrDefault with { Transform = TargetTransform.None } };

    /// <summary>A global forecaster on the setting's features.</summary>
    public static GlobalForecaster Global(IRegressionLearner learner, ModelSetting setting, string label) =>
        new(learner, setting.FeaturesOrDefault) { Label = label, Threads = Threads };
}
