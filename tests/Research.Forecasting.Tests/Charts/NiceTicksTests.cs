using Research.Forecasting.Charts;

namespace Research.Forecasting.Tests.Charts;

public sealed class NiceTicksTests
{
    [Fact]
    public void Zero_to_one_ticks_every_fifth()
    {
        var t = NiceTicks.Linear(0, 1, maxTicks: 6, expand: true);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], t.Values);
        Assert.Equal(["0", "0.2", "0.4", "0.6", "0.8", "1"], t.Labels);
    }

    [Fact]
    public void Zero_to_97_expands_to_100_in_steps_of_20()
    {
        var t = NiceTicks.Linear(0, 97, maxTicks: 6, expand: true);
        Assert.Equal([0.0, 20, 40, 60, 80, 100], t.Values);
    }

    [Fact]
    public void Without_expansion_ticks_stay_inside_the_range()
    {
        var t = NiceTicks.Linear(-380, 390, maxTicks: 5, expand: false);
        Assert.Equal([-200.0, 0, 200], t.Values);
        Assert.Equal(["-200", "0", "200"], t.Labels);
    }

    [Fact]
    public void Steps_are_the_finest_that_fit_the_tick_budget()
    {
        // 0..10 with at most 11 ticks: step 1; with at most 6: step 2; with at most 3: step 5
        Assert.Equal(11, NiceTicks.Linear(0, 10, 11, expand: true).Count);
        Assert.Equal([0.0, 2, 4, 6, 8, 10], NiceTicks.Linear(0, 10, 6, expand: true).Values);
        Assert.Equal([0.0, 5, 10], NiceTicks.Linear(0, 10, 3, expand: true).Values);
    }

    [Fact]
    public void Decimal_steps_do_not_accumulate_rounding_errors()
    {
        var t = NiceTicks.Linear(0.1, 0.7, 7, expand: true);
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], t.Values);
        Assert.Equal("0.3", t.Labels[2]);
    }

    [Fact]
    public void Large_values_get_k_and_M_suffixes()
    {
        Assert.Equal(["0", "10k", "20k", "30k", "40k"], NiceTicks.Linear(0, 38000, 5, expand: true).Labels);
        Assert.Equal(["1M", "1.5M", "2M"], NiceTicks.Labels([1e6, 1.5e6, 2e6], 5e5));
        Assert.Equal(["0", "500", "1000", "1500"], NiceTicks.Linear(0, 1500, 4, expand: true).Labels);
    }

    [Fact]
    public void A_constant_range_is_widened()
    {
        var t = NiceTicks.Linear(5, 5, 6, expand: true);
        Assert.True(t.Values[0] <= 4.5 && t.Values[^1] >= 5.5);
    }

    [Fact]
    public void Nice_rounding_of_bin_widths()
    {
        Assert.Equal(20, NiceTicks.RoundToNice(17));
        Assert.Equal(5, NiceTicks.RoundToNice(4.1));
        Assert.Equal(10, NiceTicks.RoundToNice(8));
        Assert.Equal(20, NiceTicks.CeilToNice(14));
        Assert.Equal(2, NiceTicks.CeilToNice(2));
    }
}
