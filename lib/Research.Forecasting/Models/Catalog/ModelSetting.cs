namespace Research.Forecasting.Models.Catalog;

/// <summary>What a catalogued model needs to know about the data it will run on.</summary>
/// <param name="SeasonLength">Season length of the data (for seasonal models).</param>
/// <param name="Regressors">Dynamic covariates known in advance, for models that take regressors.</param>
/// <param name="Transform">Target transform applied by every model.</param>
public sealed record ModelSetting(int SeasonLength, IReadOnlyList<string> Regressors, TargetTransform Transform);
