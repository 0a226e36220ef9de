using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Baselines;

namespace Research.Forecasting.Tests.Backtesting;

public sealed class BacktesterTests
{
    /// <summary>Forecasts last + h for step h: on y_t = t every forecast is exact; on y_t = t² errors are known.</summary>
    private sealed record LastPlusStep : ISeriesForecaster
    {
        public string Name => "last+step";

        public ISeriesModel Fit(SeriesData train) => new Model(train);

        private sealed record Model(SeriesData Train) : ISeriesModel
        {
            public SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null) =>
                new(Enumerable.Range(1, steps).Select(h => history.Y[^1] + h).ToArray());
        }
    }

    /// <summary>Fails on the series named "bad".</summary>
    private sealed record FailsOnBad : ISeriesForecaster
    {
        public string Name => "fragile";

        public ISeriesModel Fit(SeriesData train) =>
            train.Id == "bad" ? throw new InvalidOperationException("cannot fit this one") : new Naive().Fit(train);
    }

    /// <summary>Counts fits (to check refitting).</summary>
    private sealed class CountingForecaster : ISeriesForecaster
    {
        public int Fits;

        public string Name => "counting";

        public ISeriesModel Fit(SeriesData train)
        {
            Interlocked.Increment(ref Fits);
            return new Naive().Fit(train);
        }
    }

    private static SeriesPanel Panel(Func<long, double> f, params string[] ids)
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y", [new ColumnInfo("observed")]);
        foreach (var id in ids)
        {
            var t = Enumerable.Range(1, 30).Select(i => (long)i).ToArray();
            b.Add([id], t, t.Select(f).ToArray(), [t.Select(x => x % 7 == 0 ? 0.0 : 1.0).ToArray()]);
        }
        return b.Build();
    }

    private static readonly BacktestOptions Protocol = new() { Horizon = 2, Gap = 2, Step = 2, Rounds = 3, End = 30 };

    [Fact]
    public void Cutoffs_follow_the_protocol()
    {
        // like the OJ benchmark: the last round's window ends at End; week cutoff + 1 is skipped
        Assert.Equal([23L, 25, 27], Enumerable.Range(1, 3).Select(Protocol.Cutoff));
        var oj = new BacktestOptions { Horizon = 2, Gap = 2, Step = 2, Rounds = 10, End = 156, Start = 40 };
        Assert.Equal(135, oj.Cutoff(1));
        Assert.Equal(153, oj.Cutoff(10));
        Assert.Equal(3, oj.Steps);
    }

    [Fact]
    public void A_last_plus_step_model_on_a_line_is_exact_and_the_table_is_long()
    {
        var result = Backtester.Run(Panel(t => t, "a", "b"), [new LocalForecaster(new LastPlusStep())], Protocol);
        var table = result.Table;
        Assert.Equal(3 * 2 * 2, table.Count); // rounds x series x horizon
        Assert.Equal(["a", "a", "b", "b"], Enumerable.Range(0, 4).Select(table.Series));
        Assert.Equal([25L, 26, 25, 26], table.Time[..4].ToArray());
        Assert.Equal(table.Actual.ToArray(), table.Forecast("last+step").ToArray());
        Assert.Empty(result.Failures);
    }

    [Fact]
    public void Errors_on_a_parabola_are_computable_by_hand()
    {
        // y = t²: at cutoff c the forecast of c + 2 is c² + 2, the actual (c + 2)²: error 4c + 2; of c + 3: c² + 3 vs (c + 3)²
        var result = Backtester.Run(Panel(t => (double)t * t, "a"), [new LocalForecaster(new LastPlusStep())], Protocol);
        var t = result.Table;
        for (var i = 0; i < t.Count; i++)
        {
            var c = t.Cutoff[i];
            var expected = c * c + (t.Time[i] - c);
            Assert.Equal(expected, t.Forecast("last+step")[i]);
        }
        Assert.Equal([27L, 28, 29, 30], t.Time[2..].ToArray());
    }

    [Fact]
    public void Scores_by_forecast_step_group_rows_by_periods_after_the_cutoff()
    {
        // y = t², cutoffs 23, 25, 27: the step-h forecast c² + h misses (c + h)² by 2ch + h² - h, i.e. 4c + 2 at h = 2
        // (94, 102, 110: MAE 102) and 6c + 6 at h = 3 (144, 156, 168: MAE 156)
        var t = Backtester.Run(Panel(t => (double)t * t, "a"), [new LocalForecaster(new LastPlusStep())], Protocol).Table;
        Assert.Equal([23L, 25, 27], t.Cutoff.ToArray().Distinct());
        var steps = t.ByHorizon();
        Assert.Equal(["2", "3"], steps.Select(s => s.Group));
        Assert.Equal([102.0, 156.0], steps.Select(s => s.Metrics.Mae));
        Assert.Equal([3, 3], steps.Select(s => s.Metrics.Count));
        Assert.Equal(steps.Select(s => s.Metrics), t.By(i => (t.Time[i] - t.Cutoff[i]).ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(s => s.Metrics));
    }

    [Fact]
    public void Identical_forecast_columns_are_paired_once()
    {
        // a copy of a column (an AutoML search that picked another model's defaults) would make the DM test undefined
        var t = Backtester.Run(Panel(t => (double)t * t, "a", "b"), [new LocalForecaster(new LastPlusStep()), new LocalForecaster(new Naive())], Protocol).Table;
        var copy = t.WithModel("copy", t.Forecast("last+step").ToArray());
        var nudged = t.Forecast("last+step").ToArray();
        nudged[^1] += 1e-9;
        var near = copy.WithModel("near", nudged);
        Assert.Equal(["copy", "naive", "near"], near.DistinctForecasts(["copy", "last+step", "naive", "near", "copy"]));
        Assert.Throws<ArgumentException>(() => near.Compare("copy", "last+step"));
    }

    [Fact]
    public void Unobserved_periods_have_no_actual()
    {
        var result = Backtester.Run(Panel(t => t, "a"), [new LocalForecaster(new Naive())], Protocol with { ObservedColumn = "observed" });
        var t = result.Table;
        for (var i = 0; i < t.Count; i++)
            Assert.Equal(t.Time[i] % 7 == 0, double.IsNaN(t.Actual[i]));
        Assert.Contains(28L, t.Time.ToArray()); // week 28 is forecast but not observed
    }

    [Fact]
    public void A_failing_series_is_recorded_and_gets_the_fallback()
    {
        var result = Backtester.Run(Panel(t => t, "a", "bad"), [new LocalForecaster(new FailsOnBad())], Protocol);
        Assert.Equal(3, result.Failures.Count);
        var failure = result.Failures[0];
        Assert.Equal(("fragile", "bad", 1, "mean"), (failure.Model, failure.Series, failure.Round, failure.Fallback));
        Assert.Contains("cannot fit this one", failure.Message, StringComparison.Ordinal);
        var t = result.Table;
        var rows = Enumerable.Range(0, t.Count).Where(i => t.Series(i) == "bad" && t.Round[i] == 1).ToArray();
        Assert.All(rows, i => Assert.Equal(12, t.Forecast("fragile")[i])); // mean of 1..23
        var good = Enumerable.Range(0, t.Count).First(i => t.Series(i) == "a" && t.Round[i] == 1);
        Assert.Equal(23, t.Forecast("fragile")[good]);
    }

    [Fact]
    public void Refit_every_k_rounds_and_sliding_windows()
    {
        var counting = new CountingForecaster();
        Backtester.Run(Panel(t => t, "a", "b"), [new LocalForecaster(counting)], Protocol with { RefitEvery = 2 });
        Assert.Equal(2 * 2, counting.Fits); // rounds 1 and 3, two series each
        var sliding = Backtester.Run(Panel(t => t, "a"), [new LocalForecaster(new Mean())], Protocol with { Window = TrainingWindow.Sliding, WindowLength = 4 });
        Assert.Equal((20 + 21 + 22 + 23) / 4.0, sliding.Table.Forecast("mean")[0]);
    }

    [Fact]
    public void Future_covariates_are_visible_but_the_target_is_hidden()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y", [new ColumnInfo("x")]);
        var time = Enumerable.Range(1, 20).Select(i => (long)i).ToArray();
        b.Add(["a"], time, time.Select(t => 3.0 * t).ToArray(), [time.Select(t => (double)t).ToArray()]);
        var peek = new PeekingForecaster();
        Backtester.Run(b.Build(), [peek], new BacktestOptions { Horizon = 1, Rounds = 1, End = 20 });
        Assert.Equal([20.0], peek.SeenX);
        Assert.True(peek.SeenTarget.All(double.IsNaN));
    }

    [Fact]
    public void Two_runs_give_identical_tables()
    {
        var panel = Panel(t => Math.Sin(t) * 10 + t, "a", "b", "c", "d");
        IForecaster[] models = [new LocalForecaster(new Drift()), new LocalForecaster(new ArOls(2))];
        var a = Backtester.Run(panel, models, Protocol, new FitContext(Parallelism: 2));
        var b = Backtester.Run(panel, models, Protocol, new FitContext(Parallelism: 2));
        foreach (var m in a.Table.Models) Assert.Equal(a.Table.Forecast(m).ToArray(), b.Table.Forecast(m).ToArray());
    }

    [Fact]
    public void Protocol_mistakes_name_the_option()
    {
        var e = Assert.Throws<ArgumentException>(() => Backtester.Run(Panel(t => t, "a"), [new LocalForecaster(new Naive())], Protocol with { Gap = 0 }));
        Assert.Equal("Gap", e.ParamName);
        Assert.Throws<ArgumentException>(() => Backtester.Run(Panel(t => t, "a"), [new LocalForecaster(new Naive()), new LocalForecaster(new Naive())], Protocol));
    }

    /// <summary>Records what a forecast sees of the future rows.</summary>
    private sealed class PeekingForecaster : IForecaster, IForecastModel
    {
        public double[] SeenX = [];
        public double[] SeenTarget = [];

        public string Name => "peek";

        public IForecastModel Fit(SeriesPanel train, FitContext context) => this;

        public PanelForecast Forecast(SeriesPanel history, SeriesPanel future, int steps, IReadOnlyList<double>? levels = null)
        {
            SeenX = future[0].Dynamic("x").ToArray();
            SeenTarget = future[0].Target.ToArray();
            return new PanelForecast([new SeriesForecast([0.0])], [null]);
        }
    }
}
