using Research.Forecasting.Evaluation;

namespace Research.Forecasting.Tests.Evaluation;

public sealed class DieboldMarianoTests
{
    // e1 = [1, -2, 1, 2], e2 = [0, 1, 1, 1], power 2: d = e1² - e2² = [1, 3, 0, 3], d̄ = 7/4
    // deviations [-3/4, 5/4, -7/4, 5/4]: γ0 = (9 + 25 + 49 + 25) / 16 / 4 = 27/16, V = γ0 / 4 = 27/64
    // HLN factor (h = 1): sqrt((4 + 1 - 2) / 4) = sqrt(3/4); DM* = (7/4) / sqrt(27/64) · sqrt(3/4) = (7/4)(4/3) = 7/3
    private static readonly double[] E1 = [1, -2, 1, 2];
    private static readonly double[] E2 = [0, 1, 1, 1];

    /// <summary>Two-sided p-value of Student's t with 3 df, closed form: 1 - (2/π)(atan x + x/(1 + x²)), x = t/√3.</summary>
    private static double TwoSidedT3(double t)
    {
        var x = Math.Abs(t) / Math.Sqrt(3);
        return 1 - 2 / Math.PI * (Math.Atan(x) + x / (1 + x * x));
    }

    [Fact]
    public void Hand_computed_statistic_and_p_value()
    {
        var r = DieboldMariano.Test(E1, E2);
        Assert.Equal(7.0 / 3, r.Statistic, 1e-14);
        Assert.Equal(TwoSidedT3(7.0 / 3), r.PValue, 1e-13); // ≈ 0.1017
        Assert.Equal(new DieboldMarianoResult(r.Statistic, r.PValue, Alternative.TwoSided, 1, 2, 4), r);
    }

    [Fact]
    public void One_sided_p_values_split_the_two_sided_one()
    {
        // DM* = 7/3 > 0: method 2 looks better, so "greater" takes half the two-sided p and "less" the rest
        var greater = DieboldMariano.Test(E1, E2, Alternative.Greater);
        var less = DieboldMariano.Test(E1, E2, Alternative.Less);
        Assert.Equal(TwoSidedT3(7.0 / 3) / 2, greater.PValue, 1e-13);
        Assert.Equal(1 - TwoSidedT3(7.0 / 3) / 2, less.PValue, 1e-13);
        Assert.Equal(-7.0 / 3, DieboldMariano.Test(E2, E1).Statistic, 1e-14); // swapping the methods flips the sign
    }

    [Fact]
    public void Absolute_loss_uses_power_1()
    {
        // d = |e1| - |e2| = [1, 1, 0, 1], d̄ = 3/4, deviations [1/4, 1/4, -3/4, 1/4]: γ0 = (1+1+9+1)/16/4 = 3/16, V = 3/64
        // DM* = (3/4) / sqrt(3/64) · sqrt(3/4) = (3/4) · 8/√3 · √3/2 = 3
        var r = DieboldMariano.Test(E1, E2, power: 1);
        Assert.Equal(3.0, r.Statistic, 1e-14);
        Assert.Equal(TwoSidedT3(3), r.PValue, 1e-13);
        Assert.Equal(1, r.Power);
    }

    [Fact]
    public void A_non_positive_variance_at_horizon_2_falls_back_to_horizon_1_as_R_does()
    {
        // γ1 = (1/4)(-3/4·5/4 + 5/4·-7/4 + -7/4·5/4) = -85/64, γ0 + 2γ1 = 27/16 - 85/32 < 0
        var r = DieboldMariano.Test(E1, E2, horizon: 2);
        Assert.Equal(1, r.Horizon);
        Assert.Equal(7.0 / 3, r.Statistic, 1e-14);
    }

    public static TheoryData<string> Cases => MetricFixture.Names("dm");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_R_forecast_dm_test(string name)
    {
        // R 4.2.2, forecast 8.20: dm.test(e1, e2, alternative, h, power) (varestimator "acf")
        var c = MetricFixture.Case("dm", name);
        var alternative = c.GetProperty("alternative").GetString() switch
        {
            "two.sided" => Alternative.TwoSided,
            "less" => Alternative.Less,
            "greater" => Alternative.Greater,
            var other => throw new InvalidDataException(other),
        };
        var r = DieboldMariano.Test(c.Values("e1"), c.Values("e2"), alternative,
            c.GetProperty("h").GetInt32(), c.GetProperty("power").GetInt32());
        var e = c.GetProperty("expected");
        MetricFixture.Close(e.Number("statistic"), r.Statistic, 1e-12, "statistic");
        MetricFixture.Close(e.Number("p_value"), r.PValue, 1e-9, "p-value");
        Assert.Equal(e.GetProperty("h").GetInt32(), r.Horizon);
        Assert.Equal(e.GetProperty("n").GetInt32(), r.N);
        Assert.Equal(alternative, r.Alternative);
    }

    [Fact]
    public void The_R_fixture_includes_the_variance_fallback() =>
        Assert.Contains("Proceeding with horizon h=1",
            MetricFixture.Case("dm", "dm_fallback_h1").GetProperty("expected").GetProperty("r_warning").GetString(), StringComparison.Ordinal);

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Equal("e2", Assert.Throws<ArgumentException>(() => DieboldMariano.Test([1, 2, 3], [1, 2])).ParamName);
        Assert.Equal("e2", Assert.Throws<ArgumentException>(() => DieboldMariano.Test([1, 2, 3], [1, double.NaN, 2])).ParamName);
        Assert.Equal("e1", Assert.Throws<ArgumentException>(() => DieboldMariano.Test([double.NaN, 2, 3], [1, 1, 2])).ParamName);
        Assert.Equal("e1", Assert.Throws<ArgumentException>(() => DieboldMariano.Test([1], [2])).ParamName);
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => DieboldMariano.Test(E1, E2, horizon: 0)).ParamName);
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => DieboldMariano.Test(E1, E2, horizon: 4)).ParamName);
        Assert.Equal("power", Assert.Throws<ArgumentOutOfRangeException>(() => DieboldMariano.Test(E1, E2, power: 3)).ParamName);
    }

    [Fact]
    public void Identical_losses_have_no_test_statistic()
    {
        // d = 0 everywhere (R: "Variance of DM statistic is zero")
        var e = Assert.Throws<ArgumentException>(() => DieboldMariano.Test([1, -2, 3], [-1, 2, -3], horizon: 2));
        Assert.Contains("constant", e.Message, StringComparison.Ordinal);
    }
}
