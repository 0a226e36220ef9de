using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Cleaning;

/// <summary>The outlier rule for forecasting: learned on a training window, judging each value on the past only.</summary>
public sealed class FittedOutlierTests
{
    /// <summary>A weekly pattern on a slow trend with small deterministic noise; spikes at 20 and 47, and at 80 (after the training window).</summary>
    private static SeriesPanel Panel(Func<long, double>? after = null)
    {
        var time = Enumerable.Range(0, 100).Select(i => (long)i).ToArray();
        var pattern = new[] { 100.0, 120, 130, 125, 140, 200, 30 };
        var y = time.Select(t => pattern[t % 7] + 0.5 * t + ((t * 37) % 5 - 2)).ToArray();
        y[20] += 400;
        y[47] -= 150;
        y[80] += 500;
        if (after is not null)
            for (var t = 61; t < y.Length; t++) y[t] = after(t);
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y");
        b.Add(["s"], time, y);
        return b.Build();
    }

    private static long[] Flagged(SeriesPanel p) =>
        [.. Enumerable.Range(0, p[0].Length).Where(i => p[0].Dynamic("outlier")[i] == 1).Select(i => p[0].Time[i])];

    [Fact]
    public void A_rule_learned_on_the_training_window_finds_the_spikes_there_and_later()
    {
        var rule = new Outliers { SeasonLength = 7, Window = 15, Threshold = 4 };
        var fitted = rule.Fit(Panel().Until(60));
        Assert.Equal([20L, 47L], Flagged(fitted.Apply(Panel().Until(60)).Panel));
        Assert.Equal([20L, 47L, 80L], Flagged(fitted.Apply(Panel()).Panel));
        var fit = fitted.For("s")!;
        Assert.True(fit.Sigma is > 0.5 and < 10, $"sigma {fit.Sigma}");
        Assert.Equal(7, fit.Seasonal.Length);
    }

    [Fact]
    public void Neither_the_rule_nor_a_flag_depends_on_anything_after_it()
    {
        var rule = new Outliers { SeasonLength = 7, Window = 15, Threshold = 4 };
        // the rule sees only its window: data after it cannot change what it learned
        var a = rule.Fit(Panel().Until(60)).For("s")!;
        var b = rule.Fit(Panel(t => 1e4 * Math.Sin(t)).Until(60)).For("s")!;
        Assert.Equal(a.Seasonal, b.Seasonal);
        Assert.Equal(a.Sigma, b.Sigma);
        Assert.Equal(a.Center, b.Center);
        // applied to a longer history, the flags and capped values up to period 60 do not depend on what follows
        var capped = rule with { Action = OutlierAction.Cap };
        var fitted = capped.Fit(Panel().Until(60));
        var calm = fitted.Apply(Panel()).Panel[0].Target[..61].ToArray();
        var wild = fitted.Apply(Panel(t => 1e4 * Math.Sin(t))).Panel[0].Target[..61].ToArray();
        Assert.Equal(calm, wild);
    }

    [Fact]
    public void The_retrospective_rule_judges_a_value_with_later_ones_the_fitted_rule_does_not()
    {
        // a jump of 100 at period 60; afterwards the level stays up by 100 (a shift) or returns (a spike)
        var pattern = new[] { 100.0, 120, 130, 125, 140, 200, 30 };
        double Base(long t) => pattern[t % 7] + 0.5 * t + ((t * 37) % 5 - 2);
        var shifted = Panel(t => Base(t) + 100);
        var spike = Panel(Base);
        static SeriesPanel WithJump(SeriesPanel p)
        {
            var y = p[0].Target.ToArray();
            y[60] += 100;
            var b = PanelBuilder.Like(p);
            b.Add(p[0], target: y);
            return b.Build();
        }
        var rule = new Outliers { SeasonLength = 7, Window = 15, Threshold = 4 };
        // retrospective: the centred window sees the shift after 60 and stops calling 60 an outlier
        Assert.Contains(60L, Flagged(rule.Apply(WithJump(spike)).Panel));
        Assert.DoesNotContain(60L, Flagged(rule.Apply(WithJump(shifted)).Panel));
        // fitted on 0..59 and applied: 60 is judged on the past, the same either way
        var fitted = rule.Fit(spike.Until(59));
        Assert.Contains(60L, Flagged(fitted.Apply(WithJump(spike)).Panel));
        Assert.Contains(60L, Flagged(fitted.Apply(WithJump(shifted)).Panel));
    }

    [Fact]
    public void Capping_pulls_a_spike_to_the_edge_of_the_band()
    {
        var rule = new Outliers { SeasonLength = 7, Window = 15, Threshold = 4, Action = OutlierAction.Cap };
        var fitted = rule.Fit(Panel().Until(60));
        var y = fitted.Apply(Panel()).Panel[0].Target;
        var fit = fitted.For("s")!;
        var (_, band) = RobustStatistics.ApplyHampel(fit, Panel()[0].Time, Panel()[0].Target);
        Assert.Equal(band[80] + 4 * fit.Sigma, y[80], 9);
        Assert.Equal(band[47] - 4 * fit.Sigma, y[47], 9);
        Assert.Equal(Panel()[0].Target[50], y[50]); // ordinary values untouched
    }
}
