using Research.Forecasting.Datasets;
using Research.Forecasting.Decisions.Promotions;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Decisions;

public sealed class PriceElasticityTests
{
    private static readonly Lazy<ElasticityModel> Full = new(() => PriceElasticity.Fit(OrangeJuice.Load()));

    [Fact]
    public void Coefficients_and_standard_errors_match_statsmodels()
    {
        // statsmodels 0.13.5 OLS (Debian python3-statsmodels, numpy 1.24.2) on the identical design: tests/reference/oj_elasticity.py
        var reference = Fixtures.Load("elasticity/oj_statsmodels.json").GetProperty("brands");
        Assert.Equal(11, reference.GetArrayLength());
        foreach (var b in reference.EnumerateArray())
        {
            var fit = Full.Value[b.GetProperty("brand").GetInt32()];
            Assert.Equal(b.GetProperty("nobs").GetInt32(), fit.Rows);
            var names = b.GetProperty("names").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Equal(names, fit.Names);
            var p = b.GetProperty("params").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var se = b.GetProperty("bse").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (var j = 0; j < names.Length; j++)
            {
                Assert.True(Math.Abs(p[j] - fit.Coefficients[j]) < 1e-6, $"brand {fit.Brand} {names[j]}: {fit.Coefficients[j]} vs {p[j]}");
                Assert.True(Math.Abs(se[j] - fit.StandardErrors[j]) < 1e-6, $"brand {fit.Brand} se {names[j]}: {fit.StandardErrors[j]} vs {se[j]}");
            }
            Assert.Equal(b.GetProperty("scale").GetDouble(), fit.Sigma2, 1e-9);
        }
    }

    [Fact]
    public void Own_price_elasticities_are_negative_for_every_brand_with_intervals_below_zero()
    {
        var own = Full.Value.OwnElasticities();
        Assert.Equal(11, own.Count);
        Assert.All(own, e =>
        {
            Assert.True(e.Estimate < 0, $"brand {e.Brand}: own elasticity {e.Estimate}");
            Assert.True(e.High < 0, $"brand {e.Brand}: interval reaches {e.High}");
            Assert.True(e.Low < e.Estimate && e.Estimate < e.High);
        });
    }

    [Fact]
    public void Covariance_diagonal_equals_squared_standard_errors()
    {
        var b = Full.Value[1];
        var k = b.Names.Count;
        for (var j = 0; j < k; j++) Assert.Equal(b.StandardErrors[j] * b.StandardErrors[j], b.Covariance[j * k + j], 1e-12);
        Assert.Equal(b.Covariance[1 * k + 12], b.Covariance[12 * k + 1]);
    }

    [Fact]
    public void What_if_follows_the_fitted_elasticity_and_promotion_effects()
    {
        var model = Full.Value;
        var prices = Enumerable.Repeat(0.04, 11).ToArray();
        var cheaper = prices.ToArray();
        cheaper[0] = 0.04 * 0.9;
        var plan = new PricePlan(1, "2", [
            new PlannedWeek(161, prices, false, false),
            new PlannedWeek(162, cheaper, false, false),
            new PlannedWeek(163, prices, true, true),
        ]) { UnitSize = 64 };
        var r = model.WhatIf(plan);
        var b = model[1];
        // 10% price cut multiplies expected units by 0.9^b_own
        Assert.Equal(Math.Pow(0.9, b["logprice1"]), r.Weeks[1].Units / r.Weeks[0].Units, 1e-9);
        Assert.Equal(Math.Exp(b["deal"] + b["feat"]), r.Weeks[2].Units / r.Weeks[0].Units, 1e-9);
        Assert.Equal(r.Weeks[0].Units * 0.04 * 64, r.Weeks[0].Revenue, 1e-9);
        Assert.Equal(r.Weeks.Sum(w => w.Revenue), r.TotalRevenue, 1e-9);
        // store 2 is the baseline store: exp(const + sum b_j log p_j + s^2/2)
        var eta = b["const"] + Enumerable.Range(1, 11).Sum(j => b[$"logprice{j}"] * Math.Log(0.04));
        Assert.Equal(Math.Exp(eta + b.Sigma2 / 2), r.Weeks[0].Units, 1e-9);
    }
}
