using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Research.Forecasting.Data;

namespace Research.Forecasting.Backtesting;

/// <summary>
/// The parts of a backtest's written record that every verb shares: the protocol with ISO-dated cutoffs, the metrics
/// of every model, <c>failures.csv</c> and <c>timings.json</c>. Everything but the timings is deterministic, so two
/// runs of the same command write the same bytes.
/// </summary>
public static class BacktestReport
{
    /// <summary>The file every verb writes the fallbacks into.</summary>
    public const string FailuresFile = "failures.csv";

    /// <summary>Indented JSON, non-ASCII kept readable.</summary>
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The protocol: its options, every round's cutoff, and a one-line description, periods as the frequency formats them (ISO dates).</summary>
    public static JsonObject Protocol(BacktestOptions o, Frequency frequency)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(frequency);
        var p = new JsonObject
        {
            ["description"] = o.Describe(frequency),
            ["horizon"] = o.Horizon,
            ["gap"] = o.Gap,
            ["step"] = o.Step,
            ["rounds"] = o.Rounds,
            ["window"] = o.Window == TrainingWindow.Sliding ? $"sliding, {o.WindowLength} periods" : "expanding",
            ["start"] = o.Start is { } s ? frequency.Format(s) : null,
            ["end"] = frequency.Format(o.End),
            ["cutoffs"] = new JsonArray([.. Enumerable.Range(1, o.Rounds).Select(r => JsonValue.Create(frequency.Format(o.Cutoff(r))))]),
            ["mase_season_length"] = o.SeasonLength,
            ["interval_levels"] = new JsonArray([.. o.Levels.Select(l => JsonValue.Create(l))]),
        };
        if (o.RefitEvery != 1) p["refit_every"] = o.RefitEvery;
        return p;
    }

    /// <summary>
    /// Every model's metrics over all rows: MAPE, sMAPE, MAE, RMSE, WAPE, bias, MASE, scored points, fallbacks, and
    /// per interval level the coverage, interval score and the pinball losses of both bounds. <paramref name="regressors"/>
    /// names each model's regressors (omitted when null).
    /// </summary>
    public static JsonObject Models(BacktestResult result, IReadOnlyDictionary<string, IReadOnlyList<string>>? regressors = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Models(result.Table, result.Failures, regressors);
    }

    /// <summary><see cref="Models(BacktestResult, IReadOnlyDictionary{string, IReadOnlyList{string}}?)"/> of a table and its failures (e.g. merged shards).</summary>
    public static JsonObject Models(ForecastTable table, IReadOnlyList<ModelFailure> failures, IReadOnlyDictionary<string, IReadOnlyList<string>>? regressors = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(failures);
        var models = new JsonObject();
        foreach (var s in table.Overall())
        {
            var m = new JsonObject();
            if (regressors is not null)
                m["regressors"] = new JsonArray([.. (regressors.TryGetValue(s.Model, out var r) ? r : []).Select(x => JsonValue.Create(x))]);
            m["mape"] = Round(s.Metrics.Mape);
            m["smape"] = Round(s.Metrics.Smape);
            m["mae"] = Round(s.Metrics.Mae);
            m["rmse"] = Round(s.Metrics.Rmse);
            m["wape"] = Round(s.Metrics.Wape);
            m["bias"] = Round(s.Metrics.Bias);
            m["mase"] = Round(s.Mase);
            m["rmspe"] = Round(s.Metrics.Rmspe);
            m["points"] = s.Metrics.Count;
            m["failures"] = failures.Count(f => f.Model == s.Model);
            if (s.Intervals.Count > 0)
            {
                var intervals = new JsonObject();
                foreach (var i in s.Intervals)
                    intervals[i.Level.ToString("R", CultureInfo.InvariantCulture)] = new JsonObject
                    {
                        ["points"] = i.Count,
                        ["coverage"] = Round(i.Coverage),
                        ["interval_score"] = Round(i.IntervalScore),
                        ["pinball_lower"] = Round(i.PinballLower),
                        ["pinball_upper"] = Round(i.PinballUpper),
                    };
                m["intervals"] = intervals;
            }
            models[s.Model] = m;
        }
        return models;
    }

    /// <summary>
    /// <c>failures.csv</c>: one line per (series, round, model) whose forecast came from the fallback, with columns
    /// series, round, cutoff, model, fallback (<c>none</c> when the fallback failed too) and message. Just the
    /// header when nothing fell back.
    /// </summary>
    public static string FailuresCsv(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return FailuresCsv(result.Failures, r => result.Table.Frequency.Format(result.Options.Cutoff(r)));
    }

    /// <summary><c>failures.csv</c> of <paramref name="failures"/>, each round's cutoff as <paramref name="cutoff"/> labels it.</summary>
    public static string FailuresCsv(IEnumerable<ModelFailure> failures, Func<int, string> cutoff)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(cutoff);
        var sb = new StringBuilder("series,round,cutoff,model,fallback,message\n");
        foreach (var x in failures)
            sb.Append(Csv(x.Series)).Append(',').Append(x.Round.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(cutoff(x.Round)).Append(',').Append(Csv(x.Model)).Append(',')
              .Append(Csv(x.Fallback)).Append(',').Append(Csv(x.Message)).Append('\n');
        return sb.ToString();
    }

    /// <summary>One line for a summary: how many forecasts fell back, for which models, and where the details are.</summary>
    public static string FailureSummary(BacktestResult result, string failuresPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Failures.Count == 0) return "no model fell back";
        var byModel = string.Join(", ", result.Failures.GroupBy(f => f.Model, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}"));
        return $"{result.Failures.Count} series-round forecast{(result.Failures.Count == 1 ? "" : "s")} fell back ({byModel}); see {failuresPath}";
    }

    /// <summary>
    /// <c>timings.json</c>: wall seconds per model (machine dependent, kept apart from the metrics), the threads the
    /// models were allowed (fitting and forecasting both honour it) and the machine's processor count.
    /// </summary>
    public static string TimingsJson(BacktestResult result, int parallelism, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = new JsonObject();
        if (runId is not null) o[IO.OutputFolder.RunIdKey] = runId;
        o["parallelism"] = parallelism;
        o["processors"] = Environment.ProcessorCount;
        o["models"] = new JsonObject(result.Timings.Select(t => new KeyValuePair<string, JsonNode?>(t.Model, new JsonObject
        {
            ["seconds"] = Math.Round(t.Seconds, 3),
            ["fit_seconds"] = Math.Round(t.FitSeconds, 3),
            ["forecast_seconds"] = Math.Round(t.ForecastSeconds, 3),
        })));
        return o.ToJsonString(Json) + "\n";
    }

    /// <summary>Six decimals, and null where a metric is undefined (JSON has no NaN).</summary>
    public static JsonNode? Round(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;

    private static string Csv(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
