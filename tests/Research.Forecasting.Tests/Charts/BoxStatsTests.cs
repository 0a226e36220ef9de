using Research.Forecasting.Charts;

namespace Research.Forecasting.Tests.Charts;

public sealed class BoxStatsTests
{
    [Fact]
    public void Quartiles_follow_plotlys_linear_method()
    {
        // position p*n - 0.5: n = 4 gives q1 at 0.5 (between 1 and 2), median at 1.5, q3 at 2.5
        double[] v = [4, 1, 3, 2];
        var s = BoxStats.Of(v);
        Assert.Equal(1.5, s.Q1);
        Assert.Equal(2.5, s.Median);
        Assert.Equal(3.5, s.Q3);
    }

    [Fact]
    public void Quantiles_clamp_to_the_ends()
    {
        double[] sorted = [10, 20, 30];
        Assert.Equal(10, BoxStats.Quantile(sorted, 0.1));   // 0.3 - 0.5 < 0
        Assert.Equal(30, BoxStats.Quantile(sorted, 0.9));   // 2.7 - 0.5 > 2
        Assert.Equal(15, BoxStats.Quantile(sorted, 1 / 3.0)); // position 0.5
    }

    [Fact]
    public void Whiskers_stop_at_the_last_value_within_one_and_a_half_iqr()
    {
        // 1..10 and 50: q1 = 3.25, median = 6, q3 = 8.75, fences -5 and 17
        var s = BoxStats.Of([.. Enumerable.Range(1, 10).Select(i => (double)i), 50, double.NaN]);
        Assert.Equal(11, s.Count);
        Assert.Equal(3.25, s.Q1, 12);
        Assert.Equal(6, s.Median);
        Assert.Equal(8.75, s.Q3, 12);
        Assert.Equal(1, s.LowerWhisker);
        Assert.Equal(10, s.UpperWhisker);
        Assert.Equal([50.0], s.Outliers);
    }

    [Fact]
    public void No_values_give_an_empty_box()
    {
        var s = BoxStats.Of([double.NaN]);
        Assert.Equal(0, s.Count);
        Assert.True(double.IsNaN(s.Median));
    }
}
