using Research.Forecasting.Models;
using Research.Forecasting.Models.Arima;

namespace Research.Forecasting.Tests.Models.Arima;

/// <summary>auto.arima's shortcuts for degenerate series (forecast 8.20).</summary>
public sealed class AutoArimaSpecialCaseTests
{
    [Fact]
    public void Constant_series_gets_a_fixed_mean()
    {
        // R forecast 8.20: auto.arima(ts(rep(5, 30))): intercept 5 (fixed), sigma2 0; forecast 5 5 with intervals 5 5
        var m = new AutoArima().FitModel(new SeriesData(Enumerable.Repeat(5.0, 30).ToArray()));
        Assert.Equal(["intercept"], m.CoefficientNames);
        Assert.Equal(5.0, m.Coefficient("intercept"));
        Assert.Equal(0.0, m.Sigma2);
        var f = m.Forecast(2, null, [95]);
        Assert.Equal([5.0, 5.0], f.Mean);
        Assert.Equal([5.0, 5.0], f.Interval(95).Upper);
    }

    [Fact]
    public void Constant_series_ignores_regressors_as_forecast_does()
    {
        var y = Enumerable.Repeat(2.5, 20).ToArray();
        var x = Enumerable.Range(0, 20).Select(t => Math.Sin(t)).ToArray();
        var m = new AutoArima().FitModel(new SeriesData(y, x, 1));
        Assert.Equal(["intercept"], m.CoefficientNames);
        Assert.Equal([2.5, 2.5, 2.5], m.Forecast(3, [1.0, 2.0, 3.0]).Mean);
    }

    [Fact]
    public void Linear_series_gets_a_fixed_drift()
    {
        // R forecast 8.20: auto.arima(ts((1:40) * 0.5)): ARIMA(0,1,0) with drift 0.5; forecast 20.5 21.0 21.5
        var m = new AutoArima().FitModel(new SeriesData(Enumerable.Range(1, 40).Select(t => 0.5 * t).ToArray()));
        Assert.Equal(new ArimaOrder(0, 1, 0), m.Order);
        Assert.Equal(["drift"], m.CoefficientNames);
        Assert.Equal(0.5, m.Coefficient("drift"), 12);
        var f = m.Forecast(3);
        Assert.Equal(20.5, f.Mean[0], 10);
        Assert.Equal(21.0, f.Mean[1], 10);
        Assert.Equal(21.5, f.Mean[2], 10);
    }

    [Fact]
    public void All_missing_series_cannot_be_fitted()
    {
        Assert.Throws<ArimaException>(() => new AutoArima().FitModel(new SeriesData([double.NaN, double.NaN, double.NaN])));
    }
}
