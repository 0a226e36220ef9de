using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Research.Cli.Tests.Support;
using Research.Forecasting.IO;

namespace Research.Cli.Tests.Backtest;

/// <summary>
/// What <c>research backtest</c> does with real-looking data (Walmart-like weekly sales: Friday weeks, missing weeks,
/// negative sales, TRUE/FALSE holidays, text store types, markdowns missing for the first years) and what it writes.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class BacktestCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly DateOnly FirstFriday = new(2010, 2, 5);

    /// <summary>
    /// Four store x dept series, 120 weeks. Series 1/3 misses weeks 30, 31 and 77; series 2/3 has a negative week;
    /// sales = 1000·store + 10·week (+ 500 on holidays); MarkDown1 is empty before week 90; Type is A or B.
    /// </summary>
    private string Walmart(bool negative = true)
    {
        var sb = new StringBuilder("Store,Dept,Date,Weekly_Sales,IsHoliday,Type,MarkDown1\n");
        foreach (var (store, dept) in new[] { (1, 1), (1, 3), (2, 1), (2, 3) })
            for (var w = 0; w < 120; w++)
            {
                if (store == 1 && dept == 3 && w is 30 or 31 or 77) continue;
                var holiday = w % 52 is 1 or 30 or 42 or 47;
                var sales = negative && store == 2 && dept == 3 && w == 50 ? -250.5 : 1000.0 * store + 10 * w + (holiday ? 500 : 0);
                sb.Append(CultureInfo.InvariantCulture, $"{store},{dept},{FirstFriday.AddDays(7 * w):yyyy-MM-dd},{sales},{(holiday ? "TRUE" : "FALSE")},{(store == 1 ? "A" : "B")},{(w < 90 ? "" : (w * 3).ToString(CultureInfo.InvariantCulture))}\n");
            }
        return _dir.Write("walmart.csv", sb.ToString());
    }

    private static string[] WalmartArgs(string data, string output, params string[] extra)
    {
        var args = new List<string>
        {
            "backtest", "--data", data, "--id", "Store,Dept", "--time", "Date", "--freq", "weekly:friday", "--target", "Weekly_Sales",
            "--horizon", "4", "--rounds", "3", "--out", output,
        };
        for (var i = 0; i < extra.Length; i += 2)
        {
            var at = args.IndexOf(extra[i]);
            if (at >= 0) args[at + 1] = extra[i + 1];
            else args.AddRange([extra[i], extra[i + 1]]);
        }
        return [.. args];
    }

    private static List<Dictionary<string, string>> Forecasts(string output)
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(output, "forecasts.csv.gz")), CompressionMode.Decompress);
        var lines = new StreamReader(gz).ReadToEnd().TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static ResearchCli.Result Ok(ResearchCli.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Error);
        return r;
    }

    private static JsonNode Json(string output, string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(output, name)))!;

    [Fact]
    public void Walmart_like_data_runs_with_declared_columns_and_reports_what_it_did()
    {
        var data = Walmart();
        var output = _dir.File("out");
        var r = ResearchCli.Run(WalmartArgs(data, output,
            "--models", "naive,snaive,arimax", "--fill", "none", "--transform", "log", "--offset", "auto",
            "--dynamic", "IsHoliday:bool:fill=ffill,MarkDown1:fill=zero,Type:category", "--static", "Type:category"));
        Assert.Equal("error: --static Type: the column is already given to --dynamic\n", r.Error);
        Assert.Equal(2, r.ExitCode);
        r = ResearchCli.Run(WalmartArgs(data, output,
            "--models", "naive,snaive,arimax", "--fill", "none", "--transform", "log", "--offset", "auto",
            "--dynamic", "IsHoliday:bool:fill=ffill,MarkDown1:fill=zero", "--static", "Type:category"));
        Assert.Equal("", r.Error);
        Ok(r);
        var m = Json(output, "metrics.json");
        Assert.Equal(OutputFolder.Verify(output), m["run_id"]!.GetValue<string>());
        // the run's own description, ISO dates, no orange juice
        Assert.DoesNotContain("orange", m.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("weekly, weeks starting on Friday", m["data"]!["frequency"]!.GetValue<string>());
        Assert.Equal(["2012-04-06", "2012-04-13", "2012-04-20"], m["protocol"]!["cutoffs"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("2012-05-18", m["protocol"]!["end"]!.GetValue<string>());
        // the grid: three missing weeks in one series, completed, not scored
        Assert.Equal(3, m["grid"]!["missing_periods"]!.GetValue<int>());
        Assert.Equal(1, m["grid"]!["series_with_missing_periods"]!.GetValue<int>());
        // the transform: log(y + c) with c = 1 - min(y) = 251.5, recorded
        Assert.Equal(251.5, m["transform"]!["offset"]!.GetValue<double>());
        Assert.Equal("log(y + 251.5)", m["transform"]!["models_fit"]!.GetValue<string>());
        // columns: kinds, fills, and which are regressors of which model
        var dynamic = m["schema"]!["dynamic"]!.AsArray();
        Assert.Equal("boolean", dynamic[0]!["kind"]!.GetValue<string>());
        Assert.Equal(3, dynamic[0]!["filled_values"]!.GetValue<int>()); // the three completed weeks
        Assert.Equal(4 * 90, dynamic[1]!["filled_values"]!.GetValue<int>()); // 357 empty markdowns before week 90, and the 3 completed weeks
        Assert.Equal("category", m["schema"]!["static"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(["IsHoliday", "MarkDown1"], m["models"]!["arimax"]!["regressors"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Empty(m["models"]!["naive"]!["regressors"]!.AsArray());
        // every evaluated week is observed: 4 series x 4 weeks x 3 rounds, each scored
        Assert.Equal(48, m["models"]!["naive"]!["points"]!.GetValue<int>());
        Assert.NotNull(m["models"]!["arimax"]!["intervals"]!["95"]!["coverage"]);
        Assert.Contains("models fit log(y + 251.5); forecasts transformed back", r.Output, StringComparison.Ordinal);
        Assert.Contains("grid: 3 missing periods in 1 series completed with --fill none (target missing there, not scored)", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Seasonal_naive_and_drift_count_weeks_by_date_on_irregular_weekly_data()
    {
        // series 1/3 misses weeks 30, 31, 77; rounds forecast weeks 119..122 from cutoffs 114..116 (end = week 119)
        var data = Walmart(negative: false);
        var output = _dir.File("out");
        var r = ResearchCli.Run(WalmartArgs(data, output, "--models", "snaive,drift", "--fill", "none", "--horizon", "1", "--levels", "none"));
        Ok(r);
        foreach (var row in Forecasts(output).Where(x => x["series"] == "1/3"))
        {
            var week = (DateOnly.ParseExact(row["time"], "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber - FirstFriday.DayNumber) / 7;
            var back = week - 52;
            while (back is 30 or 31 or 77) back -= 52;
            var holiday = back % 52 is 1 or 30 or 42 or 47;
            Assert.Equal(1000.0 + 10 * back + (holiday ? 500 : 0), double.Parse(row["snaive"], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void The_fill_policy_changes_the_forecast_table_as_documented()
    {
        // store 1 misses days 40..42, inside round 1's training data, and day 57, an evaluated day
        var sb = new StringBuilder("store,date,sales\n");
        for (var d = 0; d < 60; d++)
            if (d is not (40 or 41 or 42 or 57)) sb.Append(CultureInfo.InvariantCulture, $"1,{new DateOnly(2021, 1, 1).AddDays(d):yyyy-MM-dd},{10 + d}\n");
        var data = _dir.Write("gaps.csv", sb.ToString());
        string[] Args(string fill, string output) =>
            ["backtest", "--data", data, "--id", "store", "--time", "date", "--freq", "daily", "--target", "sales", "--horizon", "3",
             "--rounds", "2", "--step", "3", "--models", "naive,mean", "--levels", "none", "--fill", fill, "--out", output];
        var refused = ResearchCli.Run(Args("refuse", _dir.File("refuse")));
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith($"error: {data}: series 1 is not on the daily grid: 2021-02-10 is missing", refused.Error, StringComparison.Ordinal);

        var tables = new Dictionary<string, List<Dictionary<string, string>>>();
        foreach (var fill in new[] { "none", "ffill", "zero" })
        {
            var r = ResearchCli.Run(Args(fill, _dir.File(fill)));
            Ok(r);
            tables[fill] = Forecasts(_dir.File(fill));
        }
        // rounds: cutoffs day 53 and 56 (2021-02-23, 2021-02-26), evaluating days 54..56 and 57..59
        foreach (var t in tables.Values) Assert.Equal(6, t.Count);
        var day57 = tables.ToDictionary(kv => kv.Key, kv => kv.Value.Single(x => x["time"] == "2021-02-27"));
        // none and ffill: the absent day is forecast but has no actual, so it is not scored; zero: an actual zero
        Assert.Equal("", day57["none"]["actual"]);
        Assert.Equal("", day57["ffill"]["actual"]);
        Assert.Equal("0", day57["zero"]["actual"]);
        // round 1's mean: none skips the gap (mean of 54 values), ffill repeats day 39 three times, zero adds three zeros
        var values = Enumerable.Range(0, 54).Where(d => d is not (40 or 41 or 42)).Select(d => 10.0 + d).ToArray();
        var r1 = tables.ToDictionary(kv => kv.Key, kv => double.Parse(kv.Value[0]["mean"], CultureInfo.InvariantCulture));
        Assert.Equal(values.Average(), r1["none"], 10);
        Assert.Equal((values.Sum() + 3 * 49) / 54, r1["ffill"], 10);
        Assert.Equal(values.Sum() / 54, r1["zero"], 10);
        // round 2's naive forecast from day 56: none and ffill see 66; zero sees 66 too (the gap is day 57, after the cutoff)
        Assert.All(tables.Values, t => Assert.Equal("66", t[3]["naive"]));
        // scored points: the absent day counts only as a zero
        Assert.Equal(6, Json(_dir.File("zero"), "metrics.json")["models"]!["mean"]!["points"]!.GetValue<int>());
        Assert.Equal(5, Json(_dir.File("none"), "metrics.json")["models"]!["mean"]!["points"]!.GetValue<int>());
        Assert.Equal(5, Json(_dir.File("ffill"), "metrics.json")["models"]!["mean"]!["points"]!.GetValue<int>());
    }

    [Fact]
    public void The_same_command_twice_writes_byte_identical_metrics_and_the_same_run_id()
    {
        var data = Walmart(negative: false);
        var a = _dir.File("a");
        var b = _dir.File("b");
        Ok(ResearchCli.Run(WalmartArgs(data, a, "--models", "naive,ar1", "--fill", "ffill", "--threads", "1")));
        Ok(ResearchCli.Run(WalmartArgs(data, b, "--models", "naive,ar1", "--fill", "ffill", "--threads", "2")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "metrics.json")), File.ReadAllBytes(Path.Combine(b, "metrics.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "forecasts.csv.gz")), File.ReadAllBytes(Path.Combine(b, "forecasts.csv.gz")));
        Assert.Equal(OutputFolder.Verify(a), OutputFolder.Verify(b));
        // timings report the threads the models were given
        Assert.Equal(1, Json(a, "timings.json")["parallelism"]!.GetValue<int>());
        Assert.Equal(2, Json(b, "timings.json")["parallelism"]!.GetValue<int>());
        Assert.Equal(Json(a, "metrics.json")["run_id"]!.GetValue<string>(), Json(a, "timings.json")["run_id"]!.GetValue<string>());
        // another protocol is another run
        Ok(ResearchCli.Run(WalmartArgs(data, b, "--models", "naive,ar1", "--fill", "ffill", "--rounds", "2")));
        Assert.NotEqual(OutputFolder.Verify(a), OutputFolder.Verify(b));
        Assert.Equal(["failures.csv", "forecasts.csv.gz", "manifest.json", "metrics.json", "run.json", "timings.json"], _dir.Entries(b));
    }

    [Fact]
    public void Fallbacks_are_written_to_failures_csv_and_counted_in_the_summary()
    {
        // store 2 has a single observed day before the cutoffs: drift needs two differences and falls back to the mean
        var sb = new StringBuilder("store,date,sales\n");
        for (var d = 0; d < 30; d++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"1,{new DateOnly(2021, 1, 1).AddDays(d):yyyy-MM-dd},{10 + d}\n");
            sb.Append(CultureInfo.InvariantCulture, $"2,{new DateOnly(2021, 1, 1).AddDays(d):yyyy-MM-dd},{(d is 0 or >= 28 ? "5" : "")}\n");
        }
        var data = _dir.Write("sparse.csv", sb.ToString());
        var output = _dir.File("out");
        var r = ResearchCli.Run(["backtest", "--data", data, "--id", "store", "--time", "date", "--freq", "daily", "--target", "sales",
            "--horizon", "1", "--rounds", "2", "--models", "naive,drift", "--levels", "none", "--out", output]);
        Ok(r);
        var failures = File.ReadAllLines(Path.Combine(output, "failures.csv"));
        Assert.Equal("series,round,cutoff,model,fallback,message", failures[0]);
        Assert.Equal("2,1,2021-01-28,drift,mean,\"drift fit failed on 2: series 2: drift needs at least two differences at lag 1, found 0\"", failures[1]);
        Assert.Equal(3, failures.Length);
        Assert.Contains($"2 series-round forecasts fell back (drift: 2); see {Path.Combine(output, "failures.csv")}", r.Output, StringComparison.Ordinal);
        Assert.Equal(2, Json(output, "metrics.json")["models"]!["drift"]!["failures"]!.GetValue<int>());
    }

    [Fact]
    public void Research_models_lists_every_model_with_its_options()
    {
        var r = ResearchCli.Run(["models", "--json"]);
        Ok(r);
        var models = JsonNode.Parse(r.Output)!.AsArray();
        // the statistical family of the core, the ML.NET family (Research.Forecasting.ML) and the TorchSharp family
        // (Research.Forecasting.Neural), each registered in the one catalog the CLI lists
        Assert.Equal(["ar1", "ar3", "arima", "arimax", "automl", "drift", "fasttree", "fasttree-tweedie", "gru", "lgbm", "lgbm-l2",
            "linear", "loglog", "lstm", "ma4", "mean", "mlp", "naive", "sarima", "snaive"], models.Select(m => m!["name"]!.GetValue<string>()));
        Assert.All(models, m => Assert.NotEmpty(m!["options"]!.AsArray()));
        Assert.Equal(["arimax"], models.Where(m => m!["takes_regressors"]!.GetValue<bool>()).Select(m => m!["name"]!.GetValue<string>()));
        Assert.Equal(["sarima", "snaive"], models.Where(m => m!["uses_season_length"]!.GetValue<bool>()).Select(m => m!["name"]!.GetValue<string>()));
        Ok(ResearchCli.Run(["models"]));
    }
}
