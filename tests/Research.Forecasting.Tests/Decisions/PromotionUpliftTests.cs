using Research.Forecasting.Datasets;
using Research.Forecasting.Decisions.Promotions;

namespace Research.Forecasting.Tests.Decisions;

public sealed class PromotionUpliftTests
{
    [Fact]
    public void Orange_juice_deal_uplift_per_brand_is_the_exponentiated_deal_coefficient()
    {
        var panel = OrangeJuice.Load();
        var r = OrangeJuiceUplift.Estimate(panel, 135, ["deal"], new UpliftOptions { Draws = 200 });
        var model = PriceElasticity.Fit(panel, new ElasticityOptions { LastWeek = 135 });
        // log-linear: with / without = exp(b_deal) on every promoted row, so per brand too
        foreach (var g in r.Groups.Where(g => g.Periods > 0))
        {
            var brand = int.Parse(g.Group["brand ".Length..]);
            Assert.Equal(100 * (Math.Exp(model[brand]["deal"]) - 1), g.Percent, 1e-9);
        }
        Assert.True(r.Percent > 0, $"deal uplift {r.Percent}%");
        Assert.True(r.Low < r.Percent && r.Percent < r.High, $"{r.Low} < {r.Percent} < {r.High}");
        Assert.True(r.Low > 0, "the deal uplift interval excludes zero on Dominick's data");
        var again = OrangeJuiceUplift.Estimate(panel, 135, ["deal"], new UpliftOptions { Draws = 200 });
        Assert.Equal(r.Low, again.Low);
        Assert.Equal(r.High, again.High);
    }

    [Fact]
    public void Rossmann_promo_uplift_on_held_out_days_is_positive_with_a_bootstrap_interval()
    {
        var panel = Rossmann.Load().Take(40);
        var r = RossmannUplift.Estimate(panel, options: new UpliftOptions { Draws = 300, Seed = 7 });
        Assert.Equal(40, r.Groups.Count);
        Assert.True(r.Periods > 40 * 20, $"{r.Periods} promoted open days");
        Assert.True(r.Percent is > 5 and < 80, $"Promo uplift {r.Percent}%");
        Assert.True(r.Low < r.Percent && r.Percent < r.High);
        // the forecast with the promotion is near what was sold (a sanity ceiling, not a fit target)
        Assert.True(Math.Abs(r.With / r.Actual - 1) < 0.15, $"with {r.With} vs actual {r.Actual}");
    }
}
