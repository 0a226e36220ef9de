using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Features;
using Research.Forecasting.ML.Learners;
using Research.Forecasting.ML.Tests.Support;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Baselines;

namespace Research.Forecasting.ML.Tests.Models;

public sealed class GlobalForecasterTests
{
    private static readonly BacktestOptions Protocol = new() { Horizon = 2, Gap = 2, Step = 2, Rounds = 3, End = 80 };

    private static FeatureOptions Features => new()
    {
        Transform = TargetTransform.Log,
        ObservedColumn = "observed",
        Families =
        [
            new LagFeatures { Count = 4 }, new RollingFeatures { Windows = [4, 13] }, new FourierFeatures { Period = 13, Terms = 1 },
            new CovariateFeatures { Columns = ["price", "deal"] }, new StaticFeatures(),
        ],
    };

    private static GlobalForecaster Lgbm => new(new LightGbmLearner { Objective = LightGbmObjective.L2, Iterations = 200, Leaves = 15, MinLeafCount = 10, FeatureFraction = 0.9 }, Features) { Label = "lgbm", Threads = 2 };

    [Fact]
    public void Learns_the_demand_law_of_a_panel_far_better_than_the_mean()
    {
        var panel = SyntheticPanels.Demand();
        var result = Backtester.Run(panel, [Lgbm, new LocalForecaster(new Mean()) { Transform = TargetTransform.Log, Label = "mean" }], Protocol, new FitContext(Seed: 3, Parallelism: 2));
        var scores = result.Table.Overall().ToDictionary(s => s.Model, s => s.Metrics.Mape);
        Assert.Empty(result.Failures);
        // noise 5% (MAPE ≈ 4 at best); the mean ignores deals, prices and the season
        Assert.True(scores["lgbm"] < 10, $"lgbm MAPE {scores["lgbm"]}");
        Assert.True(scores["lgbm"] < scores["mean"] / 2, $"lgbm {scores["lgbm"]}, mean {scores["mean"]}");
    }

    [Fact]
    public void Forecasts_do_not_change_when_the_future_target_changes_and_repeat_for_a_seed()
    {
        var panel = SyntheticPanels.Demand();
        var noisy = Perturb(panel, after: 70);
        var context = new FitContext(Seed: 3, Parallelism: 2) { Gap = 2, Horizon = 2 };
        PanelForecast Run(SeriesPanel p) => Lgbm.Fit(p.Until(70), context).Forecast(p.Until(70), p.Between(71, 73).WithTarget("units", _ => double.NaN), 3);
        var a = Run(panel);
        var b = Run(noisy);
        var c = Run(panel);
        for (var i = 0; i < panel.SeriesCount; i++)
        {
            Assert.Equal(a[i]!.Mean, b[i]!.Mean);
            Assert.Equal(a[i]!.Mean, c[i]!.Mean);
        }
    }

    [Fact]
    public void Early_stopping_on_the_last_periods_then_refits_on_the_whole_window()
    {
        var panel = SyntheticPanels.Demand();
        var model = Lgbm with { Learner = new LightGbmLearner { Objective = LightGbmObjective.L2, Iterations = 3000, LearningRate = 0.3, Leaves = 15, MinLeafCount = 10 }, ValidationPeriods = 8 };
        var fitted = (GlobalForecaster.Fitted)model.Fit(panel.Until(70), new FitContext(Seed: 3, Parallelism: 2) { Gap = 2, Horizon = 2 });
        Assert.InRange(fitted.Model.Iterations, 1, 2900);
        // demand moves with deals (+0.8 log units, and their 20% price cut) far more than with the slow price drift
        var importance = fitted.Importance.ToDictionary(p => p.Feature, p => p.Importance);
        Assert.Equal("covariate.deal", fitted.Importance.First(p => p.Feature.StartsWith("covariate.", StringComparison.Ordinal)).Feature);
        Assert.True(importance["covariate.price"] > 0);
    }

    [Fact]
    public void Capping_outliers_learned_on_the_window_keeps_a_spike_out_of_the_lags()
    {
        var panel = SyntheticPanels.Demand(noise: 0.01);
        var spiked = Spike(panel, series: 0, time: 69, factor: 50);
        var context = new FitContext(Seed: 3, Parallelism: 2) { Gap = 1, Horizon = 1 };
        var plain = Lgbm.Fit(spiked.Until(70), context).Forecast(spiked.Until(70), spiked.Between(71, 71), 1)[0]!.Mean[0];
        var cleaned = (Lgbm with { Cleaning = new Forecasting.Cleaning.Outliers { Window = 9, Threshold = 4, Action = Forecasting.Cleaning.OutlierAction.Cap } })
            .Fit(spiked.Until(70), context).Forecast(spiked.Until(70), spiked.Between(71, 71), 1)[0]!.Mean[0];
        var truth = panel[0].Target[70];
        Assert.True(Math.Abs(cleaned - truth) < Math.Abs(plain - truth), $"truth {truth}, plain {plain}, cleaned {cleaned}");
    }

    private static SeriesPanel Perturb(SeriesPanel p, long after)
    {
        var b = PanelBuilder.Like(p);
        foreach (var s in p.Series)
        {
            var y = s.Target.ToArray();
            for (var k = 0; k < y.Length; k++) if (s.Time[k] > after) y[k] = 1e6 + k;
            b.Add(s, target: y);
        }
        return b.Build();
    }

    private static SeriesPanel Spike(SeriesPanel p, int series, long time, double factor)
    {
        var b = PanelBuilder.Like(p);
        foreach (var s in p.Series)
        {
            var y = s.Target.ToArray();
            if (s.Index == series) y[s.RowOf(time)] *= factor;
            b.Add(s, target: y);
        }
        return b.Build();
    }
}
