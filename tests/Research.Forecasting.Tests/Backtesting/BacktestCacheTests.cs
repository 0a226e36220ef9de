using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Baselines;

namespace Research.Forecasting.Tests.Backtesting;

public sealed class BacktestCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("research-cache-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Naive forecasts, counting its fits: the test sees whether the cache answered.</summary>
    private sealed record Counted(string Label) : ISeriesForecaster
    {
        public string Name => Label;

        public static int Fits;

        public ISeriesModel Fit(SeriesData train)
        {
            Interlocked.Increment(ref Fits);
            return new Naive().Fit(train);
        }
    }

    private static SeriesPanel Panel(double slope)
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y", []);
        foreach (var id in new[] { "a", "b" })
        {
            var t = Enumerable.Range(1, 30).Select(i => (long)i).ToArray();
            b.Add([id], t, t.Select(x => slope * x + (id == "a" ? 0 : 5) + x % 3).ToArray(), []);
        }
        return b.Build();
    }

    private static readonly BacktestOptions Protocol = new() { Horizon = 2, Gap = 2, Step = 2, Rounds = 3, End = 30, Levels = [80] };

    private static byte[] Csv(ForecastTable t)
    {
        using var s = new MemoryStream();
        t.WriteCsv(gzip: false)(s);
        return s.ToArray();
    }

    [Fact]
    public void A_cached_model_is_read_not_refitted_and_equals_a_fresh_backtest_byte_for_byte()
    {
        var cache = new BacktestCache(_dir);
        var counted = new LocalForecaster(new Counted("naive-counted"));
        var mean = new LocalForecaster(new Mean());
        var direct = Backtester.Run(Panel(1), [counted, mean], Protocol);
        Counted.Fits = 0;
        var first = cache.Run(Panel(1), [counted, mean], Protocol);
        Assert.Equal(6, Counted.Fits); // 2 series x 3 rounds
        var second = cache.Run(Panel(1), [mean, counted], Protocol);
        Assert.Equal(6, Counted.Fits); // nothing refitted
        Assert.Equal(Csv(direct.Table), Csv(first.Table));
        Assert.Equal(["mean", "naive-counted"], second.Table.Models);
        Assert.Equal(first.Table.Forecast("naive-counted").ToArray(), second.Table.Forecast("naive-counted").ToArray());
        Assert.Equal(first.Table.Upper("mean", 80).ToArray(), second.Table.Upper("mean", 80).ToArray());
        Assert.Equal(first.Timings.Single(t => t.Model == "mean"), second.Timings.Single(t => t.Model == "mean"));
    }

    [Fact]
    public void Other_data_other_options_or_a_damaged_entry_compute_again()
    {
        var cache = new BacktestCache(_dir);
        var counted = new LocalForecaster(new Counted("naive-counted2"));
        Counted.Fits = 0;
        cache.Run(Panel(1), [counted], Protocol);
        cache.Run(Panel(2), [counted], Protocol);                          // other data
        cache.Run(Panel(1), [counted], Protocol with { Rounds = 2 });      // other protocol
        cache.Run(Panel(1), [counted with { Transform = TargetTransform.Log }], Protocol); // other model options
        Assert.Equal(6 + 6 + 4 + 6, Counted.Fits);
        foreach (var f in Directory.GetFiles(_dir)) File.WriteAllText(f, "damaged");
        cache.Run(Panel(1), [counted], Protocol);
        Assert.Equal(6 + 6 + 4 + 6 + 6, Counted.Fits);
    }
}
