using System.Text.Json.Nodes;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.Features;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;

namespace Research.Forecasting.Benchmarks;

/// <summary>
/// The Rossmann protocol, as code: daily sales of the 1,115 stores, forecast the next 6 weeks (42 days) from three
/// rolling origins, the last window ending 2015-07-31 (cutoffs 2015-03-27, 2015-05-08 and 2015-06-19; each round
/// forecasts days cutoff + 1 .. cutoff + 42, so the three windows tile the last 126 days). Scored on open days only: a
/// closed day has no sales to forecast (<see cref="ClosedDays"/> takes it out of the target) and a day absent from the
/// raw data (180 stores miss the second half of 2014) is never scored. RMSPE, Kaggle's metric (zero sales ignored),
/// and MAPE. The days' <c>Open</c>, <c>Promo</c>, holidays and <c>Promo2Active</c> are known in advance, as in
/// Kaggle's test set; <c>Customers</c> is not, and no model may use it.
/// </summary>
public static class RossmannBenchmark
{
    /// <summary>The last day evaluated.</summary>
    public static DateOnly LastDay { get; } = new(2015, 7, 31);

    /// <summary>Days per forecast window (6 weeks).</summary>
    public const int Horizon = 42;

    /// <summary>Origins of the protocol.</summary>
    public const int Rounds = 3;

    /// <summary>The columns known for the forecast days (Kaggle's test set has them), the regressors of every model.</summary>
    public static IReadOnlyList<string> KnownInAdvance { get; } = ["Open", "Promo", "SchoolHoliday", "Promo2Active"];

    /// <summary>The protocol; fewer rounds keep its end.</summary>
    public static BacktestOptions Protocol(int rounds = Rounds) => new()
    {
        Horizon = Horizon,
        Gap = 1,
        Step = Horizon,
        Rounds = rounds,
        End = Frequency.Daily.ToOrdinal(LastDay),
        ObservedColumn = "observed",
        SeasonLength = 7,
    };

    /// <summary>The regressors known in advance, the weekly season, log(1 + sales) (54 open days sold nothing), Rossmann's features.</summary>
    public static ModelSetting Setting { get; } = new(SeasonLength: 7, Regressors: KnownInAdvance, Transform: TargetTransform.Log1p)
    {
        Features = FeatureSets.Rossmann(),
    };

    /// <summary>
    /// The protocol's data: every store on the full daily grid (absent days added with <c>observed = 0</c>, never scored),
    /// closed days out of the target, and the covariates of the added days filled forward then backward so models that
    /// read them in the past see values (their sales stay missing). <paramref name="stores"/> &gt; 0 keeps the first that
    /// many stores (a smaller run for notebooks and CI).
    /// </summary>
    public static SeriesPanel Prepare(SeriesPanel raw, int stores = 0)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (stores > 0) raw = raw.Take(stores);
        return Clean.Apply(raw,
            new CompleteGrid { From = raw.MinTime, To = raw.MaxTime },
            new ClosedDays(),
            new Fill(FillMethod.ForwardBackward) { Columns = ["Open", "Promo", "StateHoliday", "SchoolHoliday", "Promo2Active"] }).Panel;
    }

    /// <summary>
    /// Runs the models over the protocol (searching models search once before the first round); with a
    /// <paramref name="cache"/>, models already backtested on the same data and code are read from it.
    /// </summary>
    public static BacktestResult Run(SeriesPanel prepared, IReadOnlyList<IForecaster> models, int rounds = Rounds, FitContext? context = null, Action<int>? roundDone = null, BacktestCache? cache = null) =>
        cache is not null ? cache.Run(prepared, models, Protocol(rounds), context, roundDone)
            : Backtester.Run(prepared, ISearchingForecaster.Resolve(prepared, models, Protocol(rounds), context), Protocol(rounds), context, roundDone: roundDone);

    /// <summary>
    /// <c>metrics.json</c>: the run id (when given), the protocol and every model's metrics, no timings, so two runs give
    /// the same bytes.
    /// </summary>
    public static string MetricsJson(BacktestResult result, int series, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var protocol = BacktestReport.Protocol(result.Options, result.Table.Frequency);
        protocol["dataset"] = "Rossmann store sales (Kaggle 2015), daily, one series per store";
        protocol["series"] = series;
        protocol["target"] = "Sales; closed days out of the target; models fit log(1 + sales), forecasts exp() - 1";
        protocol["evaluation"] = "RMSPE (fraction, Kaggle's metric) and MAPE (%) over open days with sales, every store and round; days absent from the raw data skipped";
        var root = new JsonObject();
        if (runId is not null) root[IO.OutputFolder.RunIdKey] = runId;
        root["protocol"] = protocol;
        root["models"] = BacktestReport.Models(result);
        root["failures"] = new JsonObject { ["count"] = result.Failures.Count, ["file"] = BacktestReport.FailuresFile };
        return root.ToJsonString(BacktestReport.Json) + "\n";
    }
}
