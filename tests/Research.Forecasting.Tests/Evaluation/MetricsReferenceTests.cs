using System.Globalization;
using Research.Forecasting.Evaluation;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Evaluation;

/// <summary>The kernels against scikit-learn / numpy / R forecast values committed in Fixtures/metrics/metrics.json.</summary>
public sealed class MetricsReferenceTests
{
    private const double Relative = 1e-12;

    public static TheoryData<string> MetricCases => MetricFixture.Names("metrics");
    public static TheoryData<string> MaseCases => MetricFixture.Names("mase");

    [Theory]
    [MemberData(nameof(MetricCases))]
    public void Point_metrics_match_scikit_learn_and_numpy(string name)
    {
        // mae, rmse = sqrt(mse), mape = 100 x mean_absolute_percentage_error on the non-zero actuals: scikit-learn 1.2.1
        // smape, wape, bias, rmspe: numpy 1.24.2 formulas; NaN pairs removed before either
        var c = MetricFixture.Case("metrics", name);
        double[] a = c.Values("actual"), f = c.Values("forecast");
        var e = c.GetProperty("expected");
        MetricFixture.Close(e.Number("mae"), Metrics.Mae(a, f), Relative, "mae");
        MetricFixture.Close(e.Number("rmse"), Metrics.Rmse(a, f), Relative, "rmse");
        MetricFixture.Close(e.Number("mape"), Metrics.Mape(a, f), Relative, "mape");
        MetricFixture.Close(e.Number("smape"), Metrics.Smape(a, f), Relative, "smape");
        MetricFixture.Close(e.Number("wape"), Metrics.Wape(a, f), Relative, "wape");
        MetricFixture.Close(e.Number("bias"), Metrics.Bias(a, f), Relative, "bias");
        MetricFixture.Close(e.Number("rmspe"), Metrics.Rmspe(a, f), Relative, "rmspe");
    }

    [Theory]
    [MemberData(nameof(MetricCases))]
    public void Pinball_loss_matches_scikit_learn(string name)
    {
        // scikit-learn 1.2.1: mean_pinball_loss(a, f, alpha=q) on the complete pairs
        var c = MetricFixture.Case("metrics", name);
        double[] a = c.Values("actual"), f = c.Values("forecast");
        var quantiles = c.At("expected", "pinball").EnumerateObject().ToList();
        Assert.Equal(3, quantiles.Count);
        foreach (var q in quantiles)
        {
            var level = double.Parse(q.Name, CultureInfo.InvariantCulture);
            MetricFixture.Close(q.Value.GetDouble(), Metrics.Pinball(a, f, level), Relative, $"pinball {q.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(MetricCases))]
    public void Metric_set_counts_and_values_match_the_reference(string name)
    {
        var c = MetricFixture.Case("metrics", name);
        var e = c.GetProperty("expected");
        var v = MetricSet.Compute(c.Values("actual"), c.Values("forecast"));
        Assert.Equal(e.GetProperty("count").GetInt32(), v.Count);
        Assert.Equal(e.GetProperty("nonzero_count").GetInt32(), v.NonZeroCount);
        MetricFixture.Close(e.Number("mae"), v.Mae, Relative, "mae");
        MetricFixture.Close(e.Number("rmse"), v.Rmse, Relative, "rmse");
        MetricFixture.Close(e.Number("mape"), v.Mape, Relative, "mape");
        MetricFixture.Close(e.Number("smape"), v.Smape, Relative, "smape");
        MetricFixture.Close(e.Number("wape"), v.Wape, Relative, "wape");
        MetricFixture.Close(e.Number("bias"), v.Bias, Relative, "bias");
        MetricFixture.Close(e.Number("rmspe"), v.Rmspe, Relative, "rmspe");
    }

    [Theory]
    [MemberData(nameof(MaseCases))]
    public void Mase_matches_R_forecast_accuracy(string name)
    {
        // R 4.2.2, forecast 8.20: accuracy(<forecast with $x = ts(training, frequency = m)>, actual, D = 1 (m > 1) or d = 1)["Test set", "MASE"]
        var c = MetricFixture.Case("mase", name);
        double[] training = c.Values("training"), a = c.Values("actual"), f = c.Values("forecast");
        var m = c.GetProperty("m").GetInt32();
        MetricFixture.Close(c.Number("expected", "scale"), Metrics.MaseScale(training, m), Relative, "scale");
        MetricFixture.Close(c.Number("expected", "mase"), Metrics.Mase(a, f, training, m), Relative, "mase");
    }

    [Fact]
    public void The_fixture_exercises_zeros_and_missing_values()
    {
        // guards the reference data itself: the rules under test must actually occur in it
        var mixed = MetricFixture.Case("metrics", "mixed");
        double[] a = mixed.Values("actual"), f = mixed.Values("forecast");
        Assert.Contains(a, double.IsNaN);
        Assert.Contains(f, double.IsNaN);
        Assert.Contains(Enumerable.Range(0, a.Length), i => a[i] == 0 && f[i] == 0);
        Assert.Contains(Enumerable.Range(0, a.Length), i => a[i] == 0 && f[i] != 0);
        Assert.Contains(MetricFixture.Case("mase", "daily_m7").Values("training"), double.IsNaN);
    }
}
