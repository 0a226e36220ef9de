using Research.Forecasting.Models.Arima;
using Research.Forecasting.Models.Baselines;

namespace Research.Forecasting.Models;

/// <summary>What a catalogued model needs to know about the data it will run on.</summary>
/// <param name="SeasonLength">Season length of the data (for seasonal models).</param>
/// <param name="Regressors">Dynamic covariates known in advance, for models that take regressors.</param>
/// <param name="Transform">Target transform applied by every model.</param>
public sealed record ModelSetting(int SeasonLength, IReadOnlyList<string> Regressors, TargetTransform Transform);

/// <summary>
/// Models by name, for command lines and benchmarks (<c>--models naive,mean,arima</c>). Each entry builds an
/// <see cref="IForecaster"/> for a <see cref="ModelSetting"/>; later model families register themselves here.
/// </summary>
public static class ModelCatalog
{
    private static readonly Dictionary<string, (string Description, Func<ModelSetting, IForecaster> Build)> Entries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["naive"] = ("last value", s => Local(new Naive(), s)),
        ["mean"] = ("historic mean", s => Local(new Mean(), s)),
        ["drift"] = ("random walk with drift", s => Local(new Drift(), s)),
        ["snaive"] = ("value one season earlier", s => Local(new SeasonalNaive(s.SeasonLength), s)),
        ["ma4"] = ("mean of the last 4 values", s => Local(new MovingAverage(4), s)),
        ["ar1"] = ("AR(1) by least squares", s => Local(new ArOls(1), s)),
        ["ar3"] = ("AR(3) by least squares", s => Local(new ArOls(3), s)),
        ["arima"] = ("AutoARIMA (Hyndman-Khandakar), non-seasonal", s => Local(new AutoArima(), s, label: "arima")),
        ["arimax"] = ("AutoARIMA with the dynamic covariates as regressors", s => Local(new AutoArima(), s, regressors: true, label: "arimax")),
        ["sarima"] = ("seasonal AutoARIMA (season length of the data)", s => Local(new AutoArima(new AutoArimaOptions { Period = s.SeasonLength }), s, label: "sarima")),
    };

    /// <summary>Adds or replaces a model (e.g. a variant defined in a notebook).</summary>
    public static void Register(string name, string description, Func<ModelSetting, IForecaster> build) => Entries[name] = (description, build);

    public static IReadOnlyList<(string Name, string Description)> Known =>
        Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Description)).ToArray();

    /// <summary>Builds the named models; an unknown name is an error listing the known ones.</summary>
    public static IReadOnlyList<IForecaster> Build(IEnumerable<string> names, ModelSetting setting) =>
        names.Select(n => n.Trim()).Where(n => n.Length > 0).Select(n =>
            Entries.TryGetValue(n, out var e) ? e.Build(setting)
            : throw new ArgumentException($"unknown model '{n}'; known models: {string.Join(", ", Known.Select(k => k.Name))}", nameof(names))).ToArray();

    /// <summary>A local model with the setting's transform (and its regressors, when asked).</summary>
    private static LocalForecaster Local(ISeriesForecaster model, ModelSetting s, bool regressors = false, string? label = null) =>
        new(model) { Transform = s.Transform, Regressors = regressors ? s.Regressors : [], Label = label };
}
