namespace Research.Forecasting.Models.Catalog;

/// <summary>One model a <see cref="ModelCatalog"/> can build by name.</summary>
/// <param name="Name">Name on command lines and in result tables (<c>arima</c>, <c>lgbm</c>).</param>
/// <param name="Description">One line: what the model is.</param>
/// <param name="Build">Builds the untrained forecaster for a data setting.</param>
public sealed record CatalogEntry(string Name, string Description, Func<ModelSetting, IForecaster> Build)
{
    /// <summary>The family that contributed the entry (set by <see cref="ModelCatalog.With(IModelFamily)"/>).</summary>
    public string Family { get; init; } = "";

    /// <summary>What the model takes from the setting and its fixed options, one line each (for <c>research models</c>).</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>
    /// Whether the model uses <see cref="ModelSetting.Regressors"/> (the dynamic covariates known in advance), so a
    /// run can report which columns are regressors of which model.
    /// </summary>
    public bool TakesRegressors { get; init; }

    /// <summary>Whether the model uses <see cref="ModelSetting.SeasonLength"/>.</summary>
    public bool UsesSeasonLength { get; init; }
}
