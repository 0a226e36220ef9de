using System.Text;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Baselines;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Backtesting;

/// <summary>Splitting a backtest by series (<see cref="Shards"/>) and merging the pieces (<see cref="ForecastTable.Merge"/>).</summary>
public sealed class ShardsTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    // Python 3.11: h = int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], 'big'); h % 3, h % 7, h % 1000
    [InlineData("2/1", 0, 3, 172)]
    [InlineData("5/10", 0, 4, 870)]
    [InlineData("8/11", 0, 1, 728)]
    [InlineData("store 1", 2, 3, 68)]
    [InlineData("Ünïcode", 2, 0, 825)]
    public void A_series_shard_is_the_SHA256_of_its_key_modulo_the_count(string id, int of3, int of7, int of1000)
    {
        Assert.Equal(of3, Shards.Of(id, 3));
        Assert.Equal(of7, Shards.Of(id, 7));
        Assert.Equal(of1000, Shards.Of(id, 1000));
        Assert.Equal(0, Shards.Of(id, 1));
    }

    /// <summary>
    /// Twelve series of different lengths (two start late, so they sit out the first rounds; "bad" makes the fragile model
    /// fall back), intervals at 80 and 95 %, a series id with a comma and a quote, a model name with dashes, missing
    /// actuals: each shard backtested alone against the whole panel, then merged, equals the single run byte for byte.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(40)]
    public void Shards_backtested_apart_and_merged_equal_one_run(int count)
    {
        var panel = Panel();
        IForecaster[] models = [new LocalForecaster(new Naive()), new LocalForecaster(new Drift()), new LocalForecaster(new FragileModel())];
        var options = new BacktestOptions { Horizon = 2, Gap = 1, Step = 2, Rounds = 6, End = 40, Levels = [80, 95], SeasonLength = 1, ObservedColumn = "observed" };
        var whole = Backtester.Run(panel, models, options);
        Assert.NotEmpty(whole.Failures);

        var parts = Enumerable.Range(0, count).Select(k => Backtester.Run(panel, models, options, series: Shards.Select(panel, k, count))).ToArray();
        Assert.Equal(panel.SeriesCount, Enumerable.Range(0, count).Sum(k => Shards.Select(panel, k, count).Length));
        var index = Enumerable.Range(0, panel.SeriesCount).ToDictionary(i => panel[i].Id, i => i, StringComparer.Ordinal);
        // through the files a shard writes: its table read back
        var tables = parts.Select((p, k) =>
        {
            var path = Path.Combine(Path.GetTempPath(), $"research-shard-{Environment.ProcessId}-{count}-{k}.csv.gz");
            try
            {
                p.Table.WriteCsv(path);
                return ForecastTable.ReadCsv(path, panel.Frequency);
            }
            finally
            {
                File.Delete(path);
            }
        }).ToArray();
        var merged = ForecastTable.Merge(tables, index);
        Assert.Equal(Csv(whole.Table), Csv(merged));
        var failures = Shards.MergeFailures(parts.SelectMany(p => p.Failures), [.. models.Select(m => m.Name)], index);
        Assert.Equal(BacktestReport.FailuresCsv(whole), BacktestReport.FailuresCsv(failures, r => panel.Frequency.Format(options.Cutoff(r))));
        Assert.Equal(BacktestReport.Models(whole).ToJsonString(), BacktestReport.Models(merged, failures).ToJsonString());
    }

    [Fact]
    public void A_table_read_back_writes_the_same_bytes()
    {
        var panel = Panel();
        var result = Backtester.Run(panel, [new LocalForecaster(new Naive()), new LocalForecaster(new FragileModel())],
            new BacktestOptions { Horizon = 3, Rounds = 4, End = 40, Levels = [80], ObservedColumn = "observed" });
        var path = _files.Write("t.csv", "");
        result.Table.WriteCsv(path);
        var read = ForecastTable.ReadCsv(path, panel.Frequency);
        Assert.Equal(["naive", "fragile-model"], read.Models);
        Assert.Equal([80.0], read.Levels);
        Assert.Contains("\"s,\"\"1\"\"\"", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(path), Encoding.UTF8.GetString(Csv(read)));
        Assert.Contains(read.Actual.ToArray(), double.IsNaN);
    }

    [Fact]
    public void A_series_in_two_parts_is_an_error()
    {
        var panel = Panel();
        var t = Backtester.Run(panel, [new LocalForecaster(new Naive())], new BacktestOptions { Horizon = 1, Rounds = 1, End = 40 }, series: [0]).Table;
        var index = Enumerable.Range(0, panel.SeriesCount).ToDictionary(i => panel[i].Id, i => i, StringComparer.Ordinal);
        Assert.Contains("is in tables 1 and 2", Assert.Throws<ArgumentException>(() => ForecastTable.Merge([t, t], index)).Message, StringComparison.Ordinal);
    }

    private static byte[] Csv(ForecastTable t)
    {
        using var ms = new MemoryStream();
        t.WriteCsv(gzip: false)(ms);
        return ms.ToArray();
    }

    private static SeriesPanel Panel()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y", [new ColumnInfo("observed")]);
        string[] ids = ["a", "b", "bad", "s,\"1\"", "late", "c", "d", "e", "f", "g", "h", "later"];
        for (var s = 0; s < ids.Length; s++)
        {
            var first = ids[s] switch { "late" => 30, "later" => 34, _ => 1 };
            var t = Enumerable.Range(first, 40 - first + 1).Select(i => (long)i).ToArray();
            b.Add([ids[s]], t, t.Select(x => 10 + s + Math.Sin(x * (s + 1) / 3.0) * 3 + 0.1 * x).ToArray(), [t.Select(x => (x + s) % 9 == 0 ? 0.0 : 1.0).ToArray()]);
        }
        return b.Build();
    }

    /// <summary>Naive, except that it cannot fit the series "bad" (the backtester falls back to the mean there).</summary>
    private sealed record FragileModel : ISeriesForecaster
    {
        public string Name => "fragile-model";

        public ISeriesModel Fit(SeriesData train) =>
            train.Id == "bad" ? throw new InvalidOperationException("cannot fit this one") : new Naive().Fit(train);
    }
}
