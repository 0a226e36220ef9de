using Research.Forecasting.Models.Arima;
using Research.Forecasting.Models.Baselines;

namespace Research.Forecasting.Models.Catalog;

/// <summary>The core's local models: baselines and the ARIMA family, one fit per series.</summary>
public sealed class StatisticalModels : IModelFamily
{
    public string Name => "statistical";

    private static readonly string[] Transform = ["transform: the setting's target transform, undone on the forecasts"];

    private static readonly string[] Search =
    [
        "search: stepwise Hyndman-Khandakar on AICc from (2,d,2); p, q <= 5; d <= 2 by KPSS tests",
        "estimation: CSS then exact likelihood (Kalman filter); drift and mean allowed",
        .. Transform,
    ];

    public IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        new("naive", "last value", s => Local(new Naive(), s)) { Options = ["intervals: ± z·σ√h", .. Transform] },
        new("mean", "historic mean", s => Local(new Mean(), s)) { Options = ["intervals: Student t, as R meanf", .. Transform] },
        new("drift", "random walk with drift", s => Local(new Drift(), s)) { Options = ["intervals: include the drift's standard error, as R rwf", .. Transform] },
        new("snaive", "value one season earlier", s => Local(new SeasonalNaive(s.SeasonLength), s))
        {
            Options = ["season length: the setting's (the data frequency's by default)", "intervals: ± z·σ√k, k = seasons walked", .. Transform],
            UsesSeasonLength = true,
        },
        new("ma4", "mean of the last 4 values", s => Local(new MovingAverage(4), s)) { Options = ["window: 4 observed values", "intervals: none", .. Transform] },
        new("ar1", "AR(1) by least squares", s => Local(new ArOls(1), s)) { Options = ["order 1, with intercept", "intervals: ψ-weights, normal", .. Transform] },
        new("ar3", "AR(3) by least squares", s => Local(new ArOls(3), s)) { Options = ["order 3, with intercept", "intervals: ψ-weights, normal", .. Transform] },
        new("arima", "AutoARIMA (Hyndman-Khandakar), non-seasonal", s => Local(new AutoArima(), s, label: "arima")) { Options = Search },
        new("arimax", "AutoARIMA with the dynamic covariates as regressors", s => Local(new AutoArima(), s, regressors: true, label: "arimax"))
        {
            Options = ["regressors: the setting's dynamic covariates known in advance (regression with ARIMA errors)", .. Search],
            TakesRegressors = true,
        },
        new("sarima", "seasonal AutoARIMA (season length of the data)", s => Local(new AutoArima(new AutoArimaOptions { Period = s.SeasonLength }), s, label: "sarima"))
        {
            Options = ["season length: the setting's; P, Q <= 2, D <= 1 by seasonal strength", .. Search],
            UsesSeasonLength = true,
        },
    ];

    /// <summary>A local model with the setting's transform (and its regressors, when asked).</summary>
    private static LocalForecaster Local(ISeriesForecaster model, ModelSetting s, bool regressors = false, string? label = null) =>
        new(model) { Transform = s.Transform, Regressors = regressors ? s.Regressors : [], Label = label };
}
