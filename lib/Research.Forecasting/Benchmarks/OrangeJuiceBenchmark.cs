using System.Text.Json.Nodes;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.Features;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;

namespace Research.Forecasting.Benchmarks;

/// <summary>
/// The orange-juice benchmark of microsoft/forecasting, as code: 913 store x brand series of Dominick's weekly unit
/// sales; missing weeks completed on the 40..160 grid and filled forward then backward; 10 rounds, horizon 2, gap 2,
/// weeks 40..156 (round r trains on weeks 40..135+2(r−1), forecasts weeks 137+2(r−1) and 138+2(r−1)); price, deal and
/// feat known through each forecast window; MAPE on units over every series, week and round, on observed weeks only.
/// Models fit on log units (as the R reference fits <c>logmove</c>) and forecasts are back-transformed with <c>exp</c>.
/// </summary>
public static class OrangeJuiceBenchmark
{
    /// <summary>MAPE (%) published by microsoft/forecasting for this protocol.</summary>
    public static IReadOnlyDictionary<string, double> Published { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["naive"] = 109.89, ["mean"] = 69.77, ["drift"] = 112.05, ["arima"] = 68.71, ["ets"] = 74.23,
        ["arimax (deal, feat, price gap, own price)"] = 48.88, ["prophet with regressors"] = 66.35,
        ["dilated cnn"] = 37.66, ["lightgbm"] = 35.97,
    };

    /// <summary>
    /// MAPE (%) of R 4.2.2 with forecast 8.20 under this exact protocol, each series fitted on <c>logmove</c> as a
    /// non-seasonal <c>ts</c> (naive, meanf, rwf with drift, auto.arima, auto.arima with
    /// <c>xreg = cbind(deal, feat, price)</c>), forecasts back-transformed with <c>exp</c>: the output of
    /// tests/reference/oj_benchmark.R, rounded to 4 decimals (a test checks them against its committed metrics.json).
    /// </summary>
    public static IReadOnlyDictionary<string, double> ReferenceR { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["naive"] = 110.2024, ["mean"] = 69.8873, ["drift"] = 113.6661, ["arima"] = 71.4401, ["arimax"] = 42.2309,
    };

    /// <summary>
    /// The prediction-interval levels (%) the notebooks ask of every model on this benchmark. One list, so their
    /// backtests share the entries of the backtest cache (an entry answers a request for the same or fewer levels).
    /// </summary>
    public static IReadOnlyList<double> Levels { get; } = [80, 95];

    /// <summary>The protocol; fewer rounds keep its end (the last rounds).</summary>
    public static BacktestOptions Protocol(int rounds = 10) => new()
    {
        Start = OrangeJuice.FirstWeek,
        End = 156,
        Horizon = 2,
        Gap = 2,
        Step = 2,
        Rounds = rounds,
        ObservedColumn = "observed",
    };

    /// <summary>
    /// Regressors known in advance and the log transform, for every model of the benchmark; global models use
    /// <see cref="FeatureSets.OrangeJuice"/> (which hides the weeks the cleaning filled in).
    /// </summary>
    public static ModelSetting Setting { get; } = new(SeasonLength: 52, Regressors: ["deal", "feat", "price"], Transform: TargetTransform.Log)
    {
        Features = FeatureSets.OrangeJuice(),
    };

    /// <summary>The benchmark's data: the panel on the full 40..160 grid, filled forward then backward, with an observed flag.</summary>
    public static SeriesPanel Prepare(SeriesPanel raw) =>
        Clean.Apply(raw, new CompleteGrid { From = OrangeJuice.FirstWeek, To = OrangeJuice.LastWeek }, new Fill(FillMethod.ForwardBackward)).Panel;

    /// <summary>
    /// Runs the named models of <paramref name="catalog"/> (default <see cref="ModelCatalog.Core"/>) over the protocol; a
    /// searching model (AutoML) searches once on the data before the first round (<see cref="ISearchingForecaster.Resolve"/>).
    /// </summary>
    public static BacktestResult Run(SeriesPanel prepared, IReadOnlyList<string> models, int rounds = 10, FitContext? context = null, Action<int>? roundDone = null, ModelCatalog? catalog = null, BacktestCache? cache = null) =>
        Run(prepared, (catalog ?? ModelCatalog.Core).Build(models, Setting), rounds, context, roundDone, cache);

    /// <summary>
    /// Runs the given models over the protocol (searching models resolved first, as above); with a
    /// <paramref name="cache"/>, models already backtested on the same data and code are read from it.
    /// </summary>
    public static BacktestResult Run(SeriesPanel prepared, IReadOnlyList<IForecaster> models, int rounds = 10, FitContext? context = null, Action<int>? roundDone = null, BacktestCache? cache = null) =>
        cache is not null ? cache.Run(prepared, models, Protocol(rounds), context, roundDone)
            : Backtester.Run(prepared, ISearchingForecaster.Resolve(prepared, models, Protocol(rounds), context), Protocol(rounds), context, roundDone: roundDone);

    /// <summary>
    /// <c>metrics.json</c>: the run id (when given), the protocol and every model's metrics (MAPE first), no timings,
    /// so two runs give the same bytes.
    /// </summary>
    public static string MetricsJson(BacktestResult result, int series, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var protocol = BacktestReport.Protocol(result.Options, result.Table.Frequency);
        protocol["dataset"] = "Dominick's orange juice (bayesm orangeJuice), store x brand";
        protocol["series"] = series;
        protocol["target"] = "units = round(exp(logmove)); models fit on log units, forecasts exp()";
        protocol["evaluation"] = "MAPE (%) on units over every series, forecast week and round; weeks absent from the raw data skipped";
        var root = new JsonObject();
        if (runId is not null) root[IO.OutputFolder.RunIdKey] = runId;
        root["protocol"] = protocol;
        root["models"] = BacktestReport.Models(result);
        root["failures"] = new JsonObject { ["count"] = result.Failures.Count, ["file"] = BacktestReport.FailuresFile };
        return root.ToJsonString(BacktestReport.Json) + "\n";
    }

    /// <summary><c>timings.json</c>: wall seconds per model (machine dependent, kept apart from the metrics).</summary>
    public static string TimingsJson(BacktestResult result, int parallelism, string? runId = null) => BacktestReport.TimingsJson(result, parallelism, runId);
}
