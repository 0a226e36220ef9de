using Research.Forecasting.Evaluation;

namespace Research.Forecasting.Tests.Evaluation;

public sealed class MetricTests
{
    [Fact]
    public void Parses_a_list_case_insensitively_in_order()
    {
        var metrics = Metric.Parse("mae, RMSE,Mape ,smape,wape,bias,rmspe");
        Assert.Equal(["mae", "rmse", "mape", "smape", "wape", "bias", "rmspe"], metrics.Select(m => m.Name));
        Assert.Same(Metric.Rmse, metrics[1]);
    }

    [Fact]
    public void Parses_a_pinball_loss_with_its_quantile()
    {
        var m = Assert.Single(Metric.Parse("Pinball:0.9"));
        Assert.Equal("pinball:0.9", m.Name);
        // a = [1, 2, 4], f = [2, 2, 2]: 0.1·1 + 0 + 0.9·2 over 3
        Assert.Equal(1.9 / 3, m.Evaluate([1, 2, 4], [2, 2, 2]), 1e-15);
    }

    [Fact]
    public void An_unknown_name_is_named_with_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Metric.Parse("mae,msle"));
        Assert.Equal("names", e.ParamName);
        Assert.Contains("unknown metric 'msle'", e.Message, StringComparison.Ordinal);
        Assert.Contains("known metrics: mae, rmse, mape, smape, wape, bias, rmspe, pinball:q (0 < q < 1)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pinball:1.5")]
    [InlineData("pinball:x")]
    [InlineData("pinball:")]
    public void A_bad_pinball_quantile_is_rejected(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => Metric.FromName(name));
        Assert.Equal("name", e.ParamName);
        Assert.Contains("strictly between 0 and 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mae,,rmse")]
    [InlineData("mae,")]
    public void Empty_names_are_rejected(string list) =>
        Assert.Contains("empty metric name", Assert.Throws<ArgumentException>(() => Metric.Parse(list)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_metric_listed_twice_is_rejected() =>
        Assert.Contains("'mae' is listed twice", Assert.Throws<ArgumentException>(() => Metric.Parse("mae,MAE")).Message, StringComparison.Ordinal);

    [Fact]
    public void Names_round_trip() =>
        Assert.All(Metric.All, m => Assert.Same(m, Metric.FromName(m.Name.ToUpperInvariant())));
}
