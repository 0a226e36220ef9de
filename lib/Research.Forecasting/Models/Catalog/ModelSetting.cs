namespace Research.Forecasting.Models.Catalog;

/// <summary>What a catalogued model needs to know about the data it will run on.</summary>
/// <param name="SeasonLength">Season length of the data (for seasonal models).</param>
/// <param name="Regressors">Dynamic covariates known in advance, for models that take regressors.</param>
/// <param name="Transform">Target transform applied by every model.</param>
public sealed record ModelSetting(int SeasonLength, IReadOnlyList<string> Regressors, TargetTransform Transform)
{
    /// <summary>
    /// Forecast steps the models will be asked for (the backtest's gap periods and horizon; 0 = not known). Models that
    /// emit the whole horizon at once (direct multi-step, e.g. the neural family) size their output with it.
    /// </summary>
    public int Steps { get; init; }
}
