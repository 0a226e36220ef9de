using Research.Forecasting.Features;

namespace Research.Forecasting.Models.Catalog;

/// <summary>What a catalogued model needs to know about the data it will run on.</summary>
/// <param name="SeasonLength">Season length of the data (for seasonal models).</param>
/// <param name="Regressors">Dynamic covariates known in advance, for models that take regressors.</param>
/// <param name="Transform">Target transform applied by every model.</param>
public sealed record ModelSetting(int SeasonLength, IReadOnlyList<string> Regressors, TargetTransform Transform)
{
    /// <summary>
    /// Features of the global models (gradient boosting, linear, neural): a data set's own set (e.g.
    /// <see cref="FeatureSets.OrangeJuice"/>), or null for <see cref="FeatureSets.Default"/> of this setting.
    /// </summary>
    public FeatureOptions? Features { get; init; }

    /// <summary>The features to use: <see cref="Features"/> or the default built from the season length, regressors and transform.</summary>
    public FeatureOptions FeaturesOrDefault => Features ?? FeatureSets.Default(SeasonLength, Regressors, Transform);
}
