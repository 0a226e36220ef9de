using Research.Forecasting.Models.Arima;
using Research.Forecasting.Models.Baselines;

namespace Research.Forecasting.Models.Catalog;

/// <summary>The core's local models: baselines and the ARIMA family, one fit per series.</summary>
public sealed class StatisticalModels : IModelFamily
{
    public string Name => "statistical";

    public IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new("naive", "last value", s => Local(new Naive(), s)),
        new("mean", "historic mean", s => Local(new Mean(), s)),
        new("drift", "random walk with drift", s => Local(new Drift(), s)),
        new("snaive", "value one season earlier", s => Local(new SeasonalNaive(s.SeasonLength), s)) { Options = ["season length of the data"] },
        new("ma4", "mean of the last 4 values", s => Local(new MovingAverage(4), s)),
        new("ar1", "AR(1) by least squares", s => Local(new ArOls(1), s)),
        new("ar3", "AR(3) by least squares", s => Local(new ArOls(3), s)),
        new("arima", "AutoARIMA (Hyndman-Khandakar), non-seasonal", s => Local(new AutoArima(), s, label: "arima")),
        new("arimax", "AutoARIMA with the dynamic covariates as regressors", s => Local(new AutoArima(), s, regressors: true, label: "arimax"))
        {
            Options = ["regressors: the setting's dynamic covariates known in advance"],
        },
        new("sarima", "seasonal AutoARIMA (season length of the data)", s => Local(new AutoArima(new AutoArimaOptions { Period = s.SeasonLength }), s, label: "sarima"))
        {
            Options = ["season length of the data"],
        },
    ];

    /// <summary>A local model with the setting's transform (and its regressors, when asked).</summary>
    private static LocalForecaster Local(ISeriesForecaster model, ModelSetting s, bool regressors = false, string? label = null) =>
        new(model) { Transform = s.Transform, Regressors = regressors ? s.Regressors : [], Label = label };
}
