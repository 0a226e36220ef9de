using Research.Forecasting.Evaluation;

namespace Research.Forecasting.Tests.Evaluation;

public sealed class MetricSetTests
{
    private const double N = double.NaN;

    [Fact]
    public void Computes_every_metric_and_counts_the_pairs()
    {
        // a = [1, 2, 4, 0, NaN], f = [2, 2, 2, 1, 3]: complete pairs are the first four, three with a non-zero actual
        double[] a = [1, 2, 4, 0, N], f = [2, 2, 2, 1, 3];
        var v = MetricSet.Compute(a, f);
        Assert.Equal(4, v.Count);
        Assert.Equal(3, v.NonZeroCount);
        Assert.Equal(1.0, v.Mae, 1e-14);                        // (1 + 0 + 2 + 1) / 4
        Assert.Equal(Math.Sqrt(1.5), v.Rmse, 1e-14);            // sqrt((1 + 0 + 4 + 1) / 4)
        Assert.Equal(50.0, v.Mape, 1e-14);                      // the zero actual is skipped: (100 + 0 + 50) / 3
        Assert.Equal((200.0 / 3 + 200.0 / 3 + 200) / 4, v.Smape, 1e-12); // 200·1/3, 0, 200·2/6, 200·1/1
        Assert.Equal(400.0 / 7, v.Wape, 1e-12);                 // 100 · 4 / 7
        Assert.Equal(0.0, v.Bias, 1e-15);                       // (1 + 0 - 2 + 1) / 4
        Assert.Equal(Math.Sqrt(5.0 / 12), v.Rmspe, 1e-14);      // sqrt((1 + 0 + 0.25) / 3)
    }

    [Fact]
    public void Each_value_is_exactly_what_its_kernel_returns()
    {
        double[] a = [3.1, 0, 7.7, 2.2, N, 9.9], f = [2.5, 0.4, 8.1, N, 1, 9.0];
        var v = MetricSet.Compute(a, f);
        Assert.All(Metric.All, m => Assert.Equal(m.Evaluate(a, f), v.Get(m)));
    }

    [Fact]
    public void An_empty_set_has_count_zero_and_NaN_metrics()
    {
        var v = MetricSet.Compute([N], [1]);
        Assert.Equal(0, v.Count);
        Assert.True(double.IsNaN(v.Mae) && double.IsNaN(v.Rmse) && double.IsNaN(v.Mape) && double.IsNaN(v.Smape)
                    && double.IsNaN(v.Wape) && double.IsNaN(v.Bias) && double.IsNaN(v.Rmspe));
    }

    [Fact]
    public void Get_rejects_a_metric_that_is_not_in_the_set()
    {
        var v = MetricSet.Compute([1.0], [2.0]);
        var e = Assert.Throws<ArgumentException>(() => v.Get(Metric.Pinball(0.9)));
        Assert.Contains("pinball:0.9", e.Message, StringComparison.Ordinal);
    }
}
