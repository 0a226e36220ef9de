using Research.Forecasting.Evaluation;

namespace Research.Forecasting.Tests.Evaluation;

/// <summary>Hand-computed oracles for the metric kernels on tiny vectors.</summary>
public sealed class MetricsTests
{
    private const double N = double.NaN;
    private const double Tolerance = 1e-14;

    // a = [1, 2, 4], f = [2, 2, 2]: errors a - f = [-1, 0, 2], |e| = [1, 0, 2]
    private static readonly double[] A = [1, 2, 4];
    private static readonly double[] F = [2, 2, 2];

    [Fact]
    public void Mae_is_the_mean_absolute_error() => Assert.Equal(1.0, Metrics.Mae(A, F)); // (1 + 0 + 2) / 3

    [Fact]
    public void Rmse_is_the_root_mean_squared_error() =>
        Assert.Equal(Math.Sqrt(5.0 / 3), Metrics.Rmse(A, F), Tolerance); // sqrt((1 + 0 + 4) / 3)

    [Fact]
    public void Mape_is_in_percent() => Assert.Equal(50.0, Metrics.Mape(A, F), Tolerance); // (100·1/1 + 0 + 100·2/4) / 3

    [Fact]
    public void Smape_is_in_percent_of_the_mean_absolute_level() =>
        Assert.Equal(400.0 / 9, Metrics.Smape(A, F), Tolerance); // (200·1/3 + 0 + 200·2/6) / 3 = (400/3) / 3

    [Fact]
    public void Wape_divides_total_error_by_total_actual() =>
        Assert.Equal(300.0 / 7, Metrics.Wape(A, F), Tolerance); // 100 · 3 / 7

    [Fact]
    public void Bias_is_forecast_minus_actual() =>
        Assert.Equal(-1.0 / 3, Metrics.Bias(A, F), Tolerance); // ((2-1) + 0 + (2-4)) / 3: under-forecast on average

    [Fact]
    public void Rmspe_is_a_fraction() =>
        Assert.Equal(Math.Sqrt(5.0 / 12), Metrics.Rmspe(A, F), Tolerance); // sqrt((1² + 0² + 0.5²) / 3)

    [Theory]
    [InlineData(0.9, 1.9 / 3)] // e = [-1, 0, 2]: 0.1·1 + 0 + 0.9·2
    [InlineData(0.1, 1.1 / 3)] // 0.9·1 + 0 + 0.1·2
    [InlineData(0.5, 0.5)]     // half the MAE
    public void Pinball_weights_under_and_over_forecasts_by_the_quantile(double q, double expected) =>
        Assert.Equal(expected, Metrics.Pinball(A, F, q), Tolerance);

    [Fact]
    public void Zero_actuals_are_skipped_by_mape_and_rmspe_only()
    {
        // a = [0, 4], f = [1, 3]: the zero actual drops out of MAPE/RMSPE, stays in the others
        double[] a = [0, 4], f = [1, 3];
        Assert.Equal(25.0, Metrics.Mape(a, f), Tolerance);              // 100 · 1/4 over the one non-zero actual
        Assert.Equal(0.25, Metrics.Rmspe(a, f), Tolerance);             // sqrt((1/4)²)
        Assert.Equal(1.0, Metrics.Mae(a, f), Tolerance);                // (1 + 1) / 2
        Assert.Equal(50.0, Metrics.Wape(a, f), Tolerance);              // 100 · 2 / 4
        Assert.Equal(100 + 100.0 / 7, Metrics.Smape(a, f), Tolerance);  // (200·1/1 + 200·1/7) / 2
    }

    [Fact]
    public void With_only_zero_actuals_the_relative_metrics_are_undefined()
    {
        // a = [0, 0], f = [1, 0]: nothing to divide by; sMAPE terms are 200 and 0/0 := 0
        double[] a = [0, 0], f = [1, 0];
        Assert.True(double.IsNaN(Metrics.Mape(a, f)));
        Assert.True(double.IsNaN(Metrics.Rmspe(a, f)));
        Assert.True(double.IsNaN(Metrics.Wape(a, f)));
        Assert.Equal(100.0, Metrics.Smape(a, f));
        Assert.Equal(0.5, Metrics.Mae(a, f));
    }

    [Fact]
    public void Smape_of_a_perfect_zero_forecast_is_zero() => Assert.Equal(0.0, Metrics.Smape([0, 0], [0, 0]));

    [Fact]
    public void Pairs_with_a_NaN_on_either_side_are_skipped()
    {
        // only positions 0 and 2 are complete: a = [1, 4], f = [2, 2] -> |e| = [1, 2]
        double[] a = [1, N, 4, 3], f = [2, 5, 2, N];
        Assert.Equal(1.5, Metrics.Mae(a, f));
        Assert.Equal(Math.Sqrt(2.5), Metrics.Rmse(a, f), Tolerance);     // sqrt((1 + 4) / 2)
        Assert.Equal(75.0, Metrics.Mape(a, f), Tolerance);               // (100 + 50) / 2
        Assert.Equal(60.0, Metrics.Wape(a, f), Tolerance);               // 100 · 3 / 5
        Assert.Equal(-0.5, Metrics.Bias(a, f), Tolerance);               // (1 - 2) / 2
        Assert.Equal(0.75, Metrics.Pinball(a, f, 0.5), Tolerance);      // half the MAE
    }

    [Fact]
    public void Without_complete_pairs_every_metric_is_NaN()
    {
        double[] a = [N, 1], f = [1, N];
        Assert.All(Metric.All, m => Assert.True(double.IsNaN(m.Evaluate(a, f)), m.Name));
        Assert.True(double.IsNaN(Metrics.Pinball(a, f, 0.5)));
        Assert.True(double.IsNaN(Metrics.Mae([], [])));
    }

    [Fact]
    public void Mase_divides_the_mae_by_the_in_sample_naive_error()
    {
        // training [1, 3, 2, 5, 4]; test a = [6, 4], f = [5, 5]: MAE = 1
        double[] y = [1, 3, 2, 5, 4], a = [6, 4], f = [5, 5];
        Assert.Equal(1.75, Metrics.MaseScale(y, 1), Tolerance);          // lag 1: (2 + 1 + 3 + 1) / 4
        Assert.Equal(4.0 / 7, Metrics.Mase(a, f, y), Tolerance);
        Assert.Equal(5.0 / 3, Metrics.MaseScale(y, 2), Tolerance);       // lag 2: |2-1| + |5-3| + |4-2| = 5, over 3
        Assert.Equal(3.0 / 5, Metrics.Mase(a, f, y, seasonLength: 2), Tolerance);
    }

    [Fact]
    public void Mase_scale_skips_differences_with_a_missing_value()
    {
        // [1, NaN, 2, 5, 4] at lag 1: differences NaN, NaN, 3, -1 -> (3 + 1) / 2
        Assert.Equal(2.0, Metrics.MaseScale([1, N, 2, 5, 4], 1));
    }

    [Fact]
    public void Mase_of_a_series_that_repeats_its_season_is_infinite() =>
        Assert.Equal(double.PositiveInfinity, Metrics.Mase([3], [1], [1, 2, 1, 2], seasonLength: 2));

    [Fact]
    public void Different_lengths_are_rejected_naming_the_forecast()
    {
        double[] a = [1, 2, 3], f = [1, 2];
        foreach (var m in Metric.All)
            Assert.Equal("forecast", Assert.Throws<ArgumentException>(() => m.Evaluate(a, f)).ParamName);
        Assert.Equal("forecast", Assert.Throws<ArgumentException>(() => Metrics.Pinball(a, f, 0.5)).ParamName);
        Assert.Equal("forecast", Assert.Throws<ArgumentException>(() => Metrics.Mase(a, f, [1, 2, 3])).ParamName);
        Assert.Equal("forecast", Assert.Throws<ArgumentException>(() => MetricSet.Compute(a, f)).ParamName);
        Assert.Contains("forecast has 2 values but actual has 3", Assert.Throws<ArgumentException>(() => Metrics.Mae(a, f)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Pinball_quantile_must_lie_strictly_inside_0_and_1(double q) =>
        Assert.Equal("quantile", Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.Pinball([1], [1], q)).ParamName);

    [Fact]
    public void Mase_arguments_are_checked()
    {
        Assert.Equal("seasonLength", Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.MaseScale([1, 2, 3], 0)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => Metrics.Mase([1], [1], [1, 2, 3, 4, 5, 6, 7], seasonLength: 7));
        Assert.Equal("training", e.ParamName);
    }
}
