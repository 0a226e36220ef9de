using Research.Forecasting.Evaluation;

namespace Research.Forecasting.Tests.Evaluation;

/// <summary>Interval coverage, interval score and row-scaled MASE against values worked out by hand.</summary>
public sealed class IntervalMetricsTests
{
    // row 1 inside [0, 2]; row 2 below [6, 8]; row 3 above [2, 9]; row 4 has no actual
    private static readonly double[] Actual = [1, 5, 10, double.NaN];
    private static readonly double[] Lower = [0, 6, 2, 0];
    private static readonly double[] Upper = [2, 8, 9, 1];

    [Fact]
    public void Coverage_counts_actuals_inside_their_interval()
    {
        Assert.Equal(1.0 / 3, Metrics.Coverage(Actual, Lower, Upper));
        Assert.True(double.IsNaN(Metrics.Coverage([double.NaN], [0], [1])));
    }

    [Fact]
    public void Interval_score_adds_width_and_2_over_alpha_times_the_miss()
    {
        // 80%: α = 0.2, 2/α = 10; scores 2, 2 + 10·1, 7 + 10·1 (Gneiting & Raftery 2007, eq. 43)
        Assert.Equal((2 + 12 + 17) / 3.0, Metrics.IntervalScore(Actual, Lower, Upper, 80), 12);
        // 50%: 2/α = 4; scores 2, 2 + 4, 7 + 4
        Assert.Equal((2 + 6 + 11) / 3.0, Metrics.IntervalScore(Actual, Lower, Upper, 50), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.IntervalScore(Actual, Lower, Upper, 100));
    }

    [Fact]
    public void Row_scaled_MASE_divides_each_error_by_its_own_scale()
    {
        // |1 - 2|/1, |5 - 3|/4, row 3 has no usable scale, row 4 no actual
        Assert.Equal((1 + 0.5) / 2, Metrics.ScaledMae([1, 5, 10, double.NaN], [2, 3, 0, 1], [1, 4, 0, 1]), 12);
        // one scale for every row: the classic MASE
        double[] train = [1, 3, 2, 5, 4];
        var s = Metrics.MaseScale(train);
        Assert.Equal(Metrics.Mase([6, 7], [5, 5], train), Metrics.ScaledMae([6, 7], [5, 5], [s, s]), 12);
    }
}
