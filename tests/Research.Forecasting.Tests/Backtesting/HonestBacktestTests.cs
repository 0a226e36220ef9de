using Research.Forecasting.Backtesting;
using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.Evaluation;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Baselines;

namespace Research.Forecasting.Tests.Backtesting;

/// <summary>
/// The backtester refuses what it cannot evaluate honestly (gaps in the time grid, protocols the data cannot hold, a
/// target with no values) and keeps what it computes (interval bounds, the MASE scale) in the long table.
/// </summary>
public sealed class HonestBacktestTests
{
    private static readonly Frequency Friday = Frequency.Weekly(DayOfWeek.Friday);
    private static readonly DateOnly Start = new(2010, 2, 5); // a Friday

    /// <summary>Weekly series y = 100 + week index, with some weeks absent.</summary>
    private static SeriesPanel Weekly(int weeks, params int[] absent)
    {
        var b = new PanelBuilder(Friday, ["store"], "sales");
        var idx = Enumerable.Range(0, weeks).Where(w => !absent.Contains(w)).ToArray();
        b.Add(["1"], idx.Select(w => Friday.ToOrdinal(Start.AddDays(7 * w))).ToArray(), idx.Select(w => 100.0 + w).ToArray());
        b.Add(["2"], Enumerable.Range(0, weeks).Select(w => Friday.ToOrdinal(Start.AddDays(7 * w))).ToArray(), Enumerable.Range(0, weeks).Select(w => 50.0 + (w % 52)).ToArray());
        return b.Build();
    }

    private static SeriesPanel Periods(int length, Func<int, double> y, string id = "a")
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y");
        b.Add([id], Enumerable.Range(1, length).Select(t => (long)t).ToArray(), Enumerable.Range(1, length).Select(y).ToArray());
        return b.Build();
    }

    [Fact]
    public void A_series_with_missing_weeks_is_refused_naming_it_and_its_first_missing_week()
    {
        var panel = Weekly(120, 30, 31, 77);
        var options = new BacktestOptions { Horizon = 4, Rounds = 2, End = panel.MaxTime };
        var e = Assert.Throws<PanelException>(() => Backtester.Run(panel, [new LocalForecaster(new Naive())], options));
        Assert.Equal(
            "series 1 is not on the weekly (Friday) grid: 2010-09-03 is missing (no row between 2010-08-27 and 2010-09-17); 3 missing periods in 1 series. "
            + "Models count periods by rows, so complete the grid under a declared fill policy, or drop the series", e.Message);
        Assert.Equal("1", e.Series);
    }

    [Fact]
    public void On_a_completed_grid_seasonal_naive_looks_back_52_weeks_by_date_not_52_rows()
    {
        // series 1 misses weeks 30, 31 and 77: counting rows, 52 rows back from week 100 would be week 45
        var raw = Weekly(130, 30, 31, 77);
        var panel = Clean.Apply(raw, new CompleteGrid()).Panel;
        var options = new BacktestOptions { Horizon = 4, Rounds = 3, End = panel.MaxTime, ObservedColumn = "observed" };
        var result = Backtester.Run(panel, [new LocalForecaster(new SeasonalNaive(52))], options);
        var t = result.Table;
        for (var i = 0; i < t.Count; i++)
        {
            if (t.Series(i) != "1") continue;
            // y = 100 + week index: the value one year earlier by date, or two years where that week is absent (week 77)
            var week = (int)(t.Time[i] - raw.MinTime);
            var back = week - 52;
            while (back is 30 or 31 or 77) back -= 52;
            Assert.Equal(100.0 + back, t.Forecast("snaive")[i]);
        }
        // the completed weeks are not scored: week 77 is inside round 1's history, weeks 30 and 31 are older
        Assert.All(Enumerable.Range(0, t.Count), i => Assert.False(double.IsNaN(t.Actual[i])));
    }

    [Fact]
    public void More_rounds_than_the_data_allows_is_an_error_saying_how_many_it_allows()
    {
        // 60 days, horizon 7, step 7: round 1's cutoff must be on or after day 1
        var panel = Periods(60, t => t);
        var e = Assert.Throws<ProtocolException>(() => Backtester.Run(panel, [new LocalForecaster(new Naive())],
            new BacktestOptions { Horizon = 7, Step = 7, Rounds = 50, End = 60 }));
        Assert.Equal("Rounds", e.ParamName);
        Assert.Equal("50", e.Value);
        // R = 8 is the largest with 60 - 1 - 7 + 1 - 7·(R - 1) >= 1
        Assert.Equal("the data allows at most 8 rounds with horizon 7, gap 1 and step 7 (round 1's cutoff would be -290, before the first training period 1; the data runs from 1 to 60)", e.Problem);
        var ok = Backtester.Run(panel, [new LocalForecaster(new Naive())], new BacktestOptions { Horizon = 7, Step = 7, Rounds = 8, End = 60 });
        Assert.Equal(8, ok.Table.Round.ToArray().Distinct().Count());
    }

    [Fact]
    public void A_last_period_after_the_data_and_a_horizon_longer_than_the_data_are_errors()
    {
        var panel = Periods(30, t => t);
        var end = Assert.Throws<ProtocolException>(() => new BacktestOptions { Horizon = 2, Rounds = 1, End = 35 }.CheckAgainst(panel));
        Assert.Equal(("End", "35", "is after the last period in the data (30): nothing there to evaluate"), (end.ParamName, end.Value, end.Problem));
        var horizon = Assert.Throws<ProtocolException>(() => new BacktestOptions { Horizon = 40, Rounds = 1, End = 30 }.CheckAgainst(panel));
        Assert.Equal("Horizon", horizon.ParamName);
        Assert.Equal("with gap 1 and last period 30 no training period is left before the first forecast; the data runs from 1 to 30: at most horizon 29 with this gap", horizon.Problem);
    }

    [Fact]
    public void A_target_without_any_value_is_refused()
    {
        var panel = Periods(20, _ => double.NaN);
        var e = Assert.Throws<PanelException>(() => Backtester.Run(panel, [new LocalForecaster(new Naive())], new BacktestOptions { Horizon = 1, Rounds = 1, End = 20 }));
        Assert.Equal("every value of the target 'y' is missing: there is nothing to train on or to evaluate", e.Message);
        Assert.Equal("y", e.Column);
    }

    [Fact]
    public void Interval_bounds_and_the_MASE_scale_are_kept_in_the_table()
    {
        var y = new[] { 3.0, 5, 4, 8, 6, 9, 7, 12, 10, 11, 14, 13, 15, 18, 16 };
        var panel = Periods(y.Length, t => y[t - 1]);
        var options = new BacktestOptions { Horizon = 3, Rounds = 2, Step = 2, End = 15, Levels = [80, 95], SeasonLength = 2 };
        var table = Backtester.Run(panel, [new LocalForecaster(new Naive()), new LocalForecaster(new MovingAverage(4))], options).Table;
        Assert.Equal([80.0, 95], table.Levels);
        for (var round = 1; round <= 2; round++)
        {
            var cutoff = (int)options.Cutoff(round);
            var train = new SeriesData(y[..cutoff]);
            var direct = new Naive().FitForecast(train, 3, levels: [80, 95]);
            var rows = Enumerable.Range(0, table.Count).Where(i => table.Round[i] == round).ToArray();
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(direct.Interval(80).Lower[k], table.Lower("naive", 80)[rows[k]]);
                Assert.Equal(direct.Interval(95).Upper[k], table.Upper("naive", 95)[rows[k]]);
                Assert.True(double.IsNaN(table.Lower("ma4", 80)[rows[k]])); // the moving average gives no intervals
                Assert.Equal(Metrics.MaseScale(y[..cutoff], 2), table.Scale[rows[k]]);
            }
        }
        // MASE from the table, one round: the same as the metric on that round's rows and training data
        var one = table.Where(i => table.Round[i] == 2);
        var c2 = (int)options.Cutoff(2);
        Assert.Equal(Metrics.Mase(one.Actual, one.Forecast("naive"), y[..c2], 2), one.Overall().Single(s => s.Model == "naive").Mase, 12);
        var e = Assert.Throws<ArgumentException>(() => table.Lower("naive", 90));
        Assert.Equal("no 90% interval; the table has: 80, 95 (Parameter 'level')", e.Message);
    }

    [Fact]
    public void The_long_CSV_keeps_interval_columns_and_the_scale()
    {
        var panel = Periods(12, t => t * 2.0);
        var table = Backtester.Run(panel, [new LocalForecaster(new Naive())], new BacktestOptions { Horizon = 1, Rounds = 1, End = 12, Levels = [80] }).Table;
        using var ms = new MemoryStream();
        table.WriteCsv(gzip: false)(ms);
        var lines = System.Text.Encoding.UTF8.GetString(ms.ToArray()).Split('\n');
        Assert.Equal("series,round,cutoff,time,actual,naive,naive-lo-80,naive-hi-80,scale", lines[0]);
        Assert.StartsWith("a,1,11,12,24,22,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",2", lines[1], StringComparison.Ordinal); // the naive one-step scale of 2, 4, ..., 22
    }

    [Fact]
    public void A_target_offset_shifts_what_models_see_and_is_undone_on_forecasts_and_bounds()
    {
        // log(y + 10) of a series with negative values; the mean model's forecast is exp(mean(log(y + 10))) - 10
        var y = new[] { -5.0, 2, -3, 8, 0, 4, -1, 6 };
        var panel = Periods(y.Length, t => y[t - 1]);
        var model = new LocalForecaster(new Mean()) { Transform = TargetTransform.Log };
        var result = Backtester.Run(panel, [model], new BacktestOptions { Horizon = 1, Rounds = 1, End = 8, TargetOffset = 10, Levels = [80] });
        var expected = Math.Exp(y[..7].Average(v => Math.Log(v + 10))) - 10;
        Assert.Equal(expected, result.Table.Forecast("mean")[0], 12);
        Assert.Equal(6, result.Table.Actual[0]);
        Assert.True(result.Table.Lower("mean", 80)[0] < expected && expected < result.Table.Upper("mean", 80)[0]);
        Assert.Empty(result.Failures);
        // without the offset, log of a negative value is a located failure, never a silent missing value
        var failed = Backtester.Run(panel, [model], new BacktestOptions { Horizon = 1, Rounds = 1, End = 8 });
        Assert.Equal("mean fit failed on a: series a: the Log transform of -5 at 1 is undefined", failed.Failures.Single().Message);
    }

    [Fact]
    public void Local_models_fit_and_forecast_on_at_most_the_threads_they_are_given()
    {
        var probe = new ConcurrencyProbe();
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y");
        for (var s = 0; s < 16; s++) b.Add([$"s{s}"], Enumerable.Range(1, 10).Select(t => (long)t).ToArray(), Enumerable.Range(1, 10).Select(t => (double)t).ToArray());
        var panel = b.Build();
        Backtester.Run(panel, [new LocalForecaster(probe)], new BacktestOptions { Horizon = 1, Rounds = 2, End = 10 }, new FitContext(Parallelism: 1));
        Assert.Equal(1, probe.MaxFit);
        Assert.Equal(1, probe.MaxForecast);
        Assert.Equal(16 * 2, probe.Forecasts);
        var two = new ConcurrencyProbe();
        Backtester.Run(panel, [new LocalForecaster(two)], new BacktestOptions { Horizon = 1, Rounds = 2, End = 10 }, new FitContext(Parallelism: 2));
        Assert.InRange(two.MaxForecast, 1, 2);
        Assert.InRange(two.MaxFit, 1, 2);
    }

    [Fact]
    public void A_fallback_that_fails_too_is_recorded_as_none()
    {
        // series b has no observed value: the model fails, and so does the mean fallback
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y");
        b.Add(["a"], Enumerable.Range(1, 10).Select(t => (long)t).ToArray(), Enumerable.Range(1, 10).Select(t => (double)t).ToArray());
        b.Add(["b"], Enumerable.Range(1, 10).Select(t => (long)t).ToArray(), Enumerable.Repeat(double.NaN, 10).ToArray());
        var result = Backtester.Run(b.Build(), [new LocalForecaster(new Naive())], new BacktestOptions { Horizon = 1, Rounds = 1, End = 10 });
        var f = result.Failures.Single();
        Assert.Equal(("naive", "b", 1, "none"), (f.Model, f.Series, f.Round, f.Fallback));
        Assert.Equal("naive fit failed on b: series b: no observed values; the fallback mean failed too: mean fit failed on b: series b: no observed values to average (Parameter 'train')", f.Message);
        Assert.Equal("series,round,cutoff,model,fallback,message\nb,1,9,naive,none,naive fit failed on b: series b: no observed values; the fallback mean failed too: mean fit failed on b: series b: no observed values to average (Parameter 'train')\n",
            BacktestReport.FailuresCsv(result));
    }

    /// <summary>Records the largest number of fits and forecasts running at once.</summary>
    private sealed class ConcurrencyProbe : ISeriesForecaster
    {
        private int _fitting, _forecasting;
        public int MaxFit, MaxForecast, Forecasts;

        public string Name => "probe";

        public ISeriesModel Fit(SeriesData train)
        {
            Track(ref _fitting, ref MaxFit);
            return new Model(train, this);
        }

        private static void Track(ref int current, ref int max)
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while ((seen = Volatile.Read(ref max)) < now && Interlocked.CompareExchange(ref max, now, seen) != seen) { }
            Thread.Sleep(2);
            Interlocked.Decrement(ref current);
        }

        private sealed record Model(SeriesData Train, ConcurrencyProbe Probe) : ISeriesModel
        {
            public SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null)
            {
                Track(ref Probe._forecasting, ref Probe.MaxForecast);
                Interlocked.Increment(ref Probe.Forecasts);
                return new SeriesForecast(Enumerable.Repeat(history.Y[^1], steps).ToArray());
            }
        }
    }
}
