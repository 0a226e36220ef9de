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
        cache.Run(Panel(1), [counted], Protocol with { Horizon = 1 });     // other protocol
        cache.Run(Panel(1), [counted with { Transform = TargetTransform.Log }], Protocol); // other model options
        Assert.Equal(6 + 6 + 6 + 6, Counted.Fits);
        foreach (var f in Directory.GetFiles(_dir)) File.WriteAllText(f, "damaged");
        cache.Run(Panel(1), [counted], Protocol);
        Assert.Equal(6 + 6 + 6 + 6 + 6, Counted.Fits);
    }

    [Fact]
    public void Rounds_are_cached_one_by_one_so_fewer_rounds_read_a_longer_run_and_more_compute_only_the_new_ones()
    {
        var cache = new BacktestCache(_dir);
        var counted = new LocalForecaster(new Counted("naive-rounds"));
        var mean = new LocalForecaster(new Mean());
        Counted.Fits = 0;
        var two = cache.Run(Panel(1), [counted, mean], Protocol with { Rounds = 2 });
        Assert.Equal(4, Counted.Fits);                          // 2 series x the last 2 rounds
        var three = cache.Run(Panel(1), [counted, mean], Protocol);
        Assert.Equal(6, Counted.Fits);                          // only the earliest round is new
        var one = cache.Run(Panel(1), [counted, mean], Protocol with { Rounds = 1 });
        Assert.Equal(6, Counted.Fits);                          // read from the longer runs
        Assert.Equal(Csv(Backtester.Run(Panel(1), [counted, mean], Protocol).Table), Csv(three.Table));
        Assert.Equal(Csv(Backtester.Run(Panel(1), [counted, mean], Protocol with { Rounds = 2 }).Table), Csv(two.Table));
        Assert.Equal(Csv(Backtester.Run(Panel(1), [counted, mean], Protocol with { Rounds = 1 }).Table), Csv(one.Table));
    }

    [Fact]
    public void An_entry_with_more_interval_levels_answers_fewer_and_more_levels_compute_again()
    {
        var cache = new BacktestCache(_dir);
        var counted = new LocalForecaster(new Counted("naive-levels"));
        Counted.Fits = 0;
        cache.Run(Panel(1), [counted], Protocol with { Levels = [80, 95] });
        var none = cache.Run(Panel(1), [counted], Protocol with { Levels = [] });
        var eighty = cache.Run(Panel(1), [counted], Protocol);
        Assert.Equal(6, Counted.Fits);
        cache.Run(Panel(1), [counted], Protocol with { Levels = [50] });
        Assert.Equal(12, Counted.Fits);
        var all = cache.Run(Panel(1), [counted], Protocol with { Levels = [50, 80, 95] }); // the recomputed entries keep every level
        Assert.Equal(12, Counted.Fits);
        Assert.Equal(Csv(Backtester.Run(Panel(1), [counted], Protocol with { Levels = [] }).Table), Csv(none.Table));
        Assert.Equal(Csv(Backtester.Run(Panel(1), [counted], Protocol).Table), Csv(eighty.Table));
        Assert.Equal(Csv(Backtester.Run(Panel(1), [counted], Protocol with { Levels = [50, 80, 95] }).Table), Csv(all.Table));
    }

    /// <summary>A model whose fits wait until the test lets them go.</summary>
    private sealed record Gated(string Label, ManualResetEventSlim Gate) : ISeriesForecaster
    {
        public string Name => Label;

        public ISeriesModel Fit(SeriesData train)
        {
            Gate.Wait(TimeSpan.FromMinutes(5));
            Interlocked.Increment(ref Counted.Fits);
            return new Naive().Fit(train);
        }
    }

    [Fact]
    public async Task Two_users_of_one_folder_compute_an_entry_once_the_second_waits_for_the_first()
    {
        using var gate = new ManualResetEventSlim(false);
        var model = new LocalForecaster(new Gated("naive-gated", gate));
        Counted.Fits = 0;
        // two cache objects on one folder stand for two processes: the lock is a file lock, taken per open file
        var first = Task.Run(() => new BacktestCache(_dir).Run(Panel(1), [model], Protocol with { Rounds = 1 }));
        SpinWait.SpinUntil(() => Directory.GetFiles(_dir, "*.lock").Length > 0, TimeSpan.FromMinutes(5));
        var second = Task.Run(() => new BacktestCache(_dir).Run(Panel(1), [model], Protocol with { Rounds = 1 }));
        Assert.NotSame(second, await Task.WhenAny(second, Task.Delay(500)));   // held by the first
        gate.Set();
        Assert.Equal(Csv((await first).Table), Csv((await second).Table));
        Assert.Equal(2, Counted.Fits);                                 // 2 series x 1 round, fitted once
    }

    private sealed record Note(string Text, double[] Values);

    [Fact]
    public void Remember_computes_a_value_once_per_description_and_again_when_its_file_is_damaged()
    {
        var calls = 0;
        Note Make() => new($"call {++calls}", [0.1, 1e-300, double.Epsilon]);
        var a = new BacktestCache(_dir).Remember("search A", Make);
        var b = new BacktestCache(_dir).Remember("search A", Make);
        var c = new BacktestCache(_dir).Remember("search B", Make);
        Assert.Equal(("call 1", "call 1", "call 2"), (a.Text, b.Text, c.Text));
        Assert.Equal(a.Values, b.Values);                                          // doubles round-trip exactly
        foreach (var f in Directory.GetFiles(_dir, "*.json.gz")) File.WriteAllText(f, "damaged");
        Assert.Equal("call 3", new BacktestCache(_dir).Remember("search A", Make).Text);
    }

    /// <summary>A searching model whose search picks the naive forecast, counting its searches.</summary>
    private sealed record Picking(string Label) : ISearchingForecaster
    {
        public static int Searches;

        public string Name => Label;

        public IForecaster Search(SeriesPanel panel, BacktestOptions test, FitContext context)
        {
            Interlocked.Increment(ref Searches);
            return new LocalForecaster(new Counted(Label));
        }

        public IForecastModel Fit(SeriesPanel train, FitContext context) => throw new InvalidOperationException("searches first");
    }

    [Fact]
    public void A_searching_model_is_cached_as_its_choice_and_a_search_it_cannot_repeat_runs_again()
    {
        var cache = new BacktestCache(_dir);
        Counted.Fits = 0;
        Picking.Searches = 0;
        var first = cache.Run(Panel(1), [new Picking("picked")], Protocol);
        var second = cache.Run(Panel(1), [new Picking("picked")], Protocol);
        Assert.Equal(2, Picking.Searches);   // the default Search keeps nothing
        Assert.Equal(6, Counted.Fits);       // but its choice's rounds are read
        Assert.Equal(Csv(first.Table), Csv(second.Table));
        Assert.Equal(Csv(Backtester.Run(Panel(1), [new LocalForecaster(new Counted("picked"))], Protocol).Table), Csv(first.Table));
    }
}
