using Research.Forecasting.Data;
using Research.Forecasting.Features;
using Research.Forecasting.Models;

namespace Research.Forecasting.Tests.Features;

/// <summary>The leakage check notebook 02 shows: silent on the library's families, loud on a family that reads the label.</summary>
public sealed class LeakageCheckTests
{
    private static FeatureOptions Weekly(params IFeatureFamily[] extra) => new()
    {
        Transform = TargetTransform.Log,
        ObservedColumn = "observed",
        Families =
        [
            new LagFeatures { Count = 6, SeasonLength = 4, SeasonalLags = 2 },
            new RollingFeatures { Windows = [3, 8] },
            new ExponentialFeatures(),
            new PriceFeatures { Price = "price", Competitors = FeaturePanels.Competitors, OwnKey = "brand", TrailingWindow = 5 },
            new PromotionFeatures { Columns = ["deal", "feat"], Window = 4, Cap = 30 },
            new StaticFeatures(),
            .. extra,
        ],
    };

    [Fact]
    public void The_library_families_do_not_leak_and_the_control_reaches_those_that_read_the_past()
    {
        var results = LeakageCheck.Run(FeaturePanels.Weekly(), Weekly(), origin: 40, steps: 3, seed: 5);
        Assert.Equal(["lags", "rolling", "ewm", "price", "promotion", "static"], results.Select(r => r.Family));
        Assert.All(results, r => Assert.Equal(0, r.ChangedByFuture));
        Assert.All(results, r => Assert.False(r.Leaks));
        // 3 series x 3 steps rows; every family that reads the last periods' targets or covariates sees the control
        Assert.All(results, r => Assert.Equal(9L * r.Columns, r.Cells));
        Assert.All(results.Where(r => r.Family != "static"), r => Assert.True(r.ChangedByVisiblePast > 0, r.Family));
        Assert.Equal(0, results.Single(r => r.Family == "static").ChangedByVisiblePast);
    }

    [Fact]
    public void A_family_that_reads_the_forecast_period_target_is_caught()
    {
        var results = LeakageCheck.Run(FeaturePanels.Weekly(), Weekly(new PeekingFamily()), origin: 40, steps: 3, seed: 5);
        var peek = results.Single(r => r.Family == "peek");
        Assert.True(peek.Leaks);
        Assert.Equal(9, peek.ChangedByFuture);   // one column, every row: 3 series x 3 steps
        Assert.All(results.Where(r => r.Family != "peek"), r => Assert.False(r.Leaks));
    }

    [Fact]
    public void Perturb_replaces_exactly_what_lies_after_the_given_periods()
    {
        var panel = FeaturePanels.Weekly();
        var noisy = LeakageCheck.Perturb(panel, lastTarget: 40, lastCovariate: 43, seed: 1);
        for (var i = 0; i < panel.SeriesCount; i++)
        {
            var (a, b) = (panel[i], noisy[i]);
            for (var k = 0; k < a.Length; k++)
            {
                var t = a.Time[k];
                if (t <= 40) Assert.Equal(a.Target[k], b.Target[k]);
                else Assert.NotEqual(a.Target[k], b.Target[k]);
                if (t <= 43) Assert.Equal(a.Dynamic(0)[k], b.Dynamic(0)[k]);
            }
        }
        Assert.Throws<ArgumentException>(() => LeakageCheck.Run(panel, Weekly(), origin: 59, steps: 3));
    }

    /// <summary>A deliberately leaking family: the target of the forecast period itself.</summary>
    private sealed record PeekingFamily : IFeatureFamily
    {
        public string Name => "peek";

        public IFittedFeatureFamily Fit(SeriesPanel train) => new Fitted();

        private sealed class Fitted : IFittedFeatureFamily
        {
            public IReadOnlyList<FeatureColumn> Columns { get; } = [new("peek.y[t]", "peek")];

            public void Write(in FeatureRow row, Span<double> values) => values[0] = row.Series.Target[row.TargetIndex];
        }
    }
}
