using Research.Forecasting.Models;
using Research.Forecasting.Models.Arima;

namespace Research.Forecasting.Tests.Models.Arima;

/// <summary>
/// Fixed-order fits against R: Fixtures/arima/fixed.json from tests/reference/arima.R, forecast 8.20's
/// <c>Arima(y, order, seasonal, include.mean, include.drift, method, xreg)</c> and <c>forecast(fit, h, xreg, level = c(80, 95))</c>
/// on AirPassengers, USAccDeaths, lynx, WWWusage and three orange-juice series (CSS-ML, ML and CSS).
/// </summary>
public sealed class ArimaFixedOrderTests
{
    public static TheoryData<string> Cases() => [.. ArimaCase.Fixed.Select(c => c.Name)];

    private static ArimaCase Case(string name) => ArimaCase.Fixed.Single(c => c.Name == name);

    private static ArimaModel Fit(ArimaCase c)
    {
        var options = new ArimaOptions
        {
            Order = c.Order,
            Seasonal = c.Seasonal,
            Period = c.Frequency,
            IncludeMean = c.IncludeMean,
            IncludeDrift = c.IncludeDrift,
            Method = c.Method switch { "ML" => ArimaMethod.Ml, "CSS" => ArimaMethod.Css, _ => ArimaMethod.CssMl },
            RegressorNames = c.XregNames,
        };
        return new Research.Forecasting.Models.Arima.Arima(options).FitModel(c.Data);
    }

    private static void Close(double expected, double actual, double relative, string what)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: R has NA, got {actual}");
            return;
        }
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Max(Math.Abs(expected), 1e-3),
            $"{what}: expected {expected:R}, got {actual:R}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Coefficients_and_likelihood_match_R(string name)
    {
        var c = Case(name);
        var m = Fit(c);
        Assert.Equal(c.CoefNames, m.CoefficientNames);
        for (var i = 0; i < c.Coef.Length; i++) Close(c.Coef[i], m.Coefficients[i], 1e-3, $"{name} {c.CoefNames[i]}");
        Close(c.Number("loglik"), m.LogLikelihood, 1e-3, $"{name} loglik");
        Close(c.Number("sigma2"), m.Sigma2, 1e-3, $"{name} sigma2");
        Close(c.Number("aic"), m.Aic, 1e-3, $"{name} aic");
        Close(c.Number("aicc"), m.Aicc, 1e-3, $"{name} aicc");
        Close(c.Number("bic"), m.Bic, 1e-3, $"{name} bic");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forecasts_and_intervals_match_R(string name)
    {
        var c = Case(name);
        var f = Fit(c).Forecast(c.H, c.XregFuture, [80, 95]);
        var expected = new (string Field, double[] Actual)[]
        {
            ("mean", f.Mean),
            ("lower80", f.Interval(80).Lower), ("upper80", f.Interval(80).Upper),
            ("lower95", f.Interval(95).Lower), ("upper95", f.Interval(95).Upper),
        };
        foreach (var (field, actual) in expected)
        {
            var r = c.Numbers(field);
            Assert.Equal(r.Length, actual.Length);
            for (var h = 0; h < r.Length; h++)
                Assert.True(Math.Abs(actual[h] - r[h]) <= 1e-3, $"{name} {field}[{h + 1}]: R {r[h]:R}, ours {actual[h]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Residuals_match_R(string name)
    {
        var c = Case(name);
        var m = Fit(c);
        var r = c.Numbers("residuals");
        Assert.Equal(r.Length, m.Residuals.Count);
        for (var t = 0; t < r.Length; t++)
            Assert.True(Math.Abs(m.Residuals[t] - r[t]) <= 1e-3 * Math.Max(1, Math.Abs(r[t])), $"{name} residual {t + 1}: R {r[t]:R}, ours {m.Residuals[t]:R}");
    }

    [Fact]
    public void Non_stationary_css_estimates_stop_the_fit_as_in_R()
    {
        // R forecast 8.20: Arima(WWWusage, order = c(1,0,0), include.mean = FALSE) stops with
        //   "non-stationary AR part from CSS"; with method = "CSS" it returns ar1 1.009383
        var y = new SeriesData(Case("WWWusage_(1,1,1)").Y);
        var ex = Assert.Throws<ArimaException>(() =>
            new Research.Forecasting.Models.Arima.Arima(new ArimaOptions { Order = new(1, 0, 0), IncludeMean = false }).FitModel(y));
        Assert.Equal("non-stationary AR part from CSS", ex.Message);
        var css = new Research.Forecasting.Models.Arima.Arima(new ArimaOptions { Order = new(1, 0, 0), IncludeMean = false, Method = ArimaMethod.Css }).FitModel(y);
        Assert.Equal(1.009383, css.Coefficient("ar1"), 6);
        Assert.True(double.IsNaN(css.Aic));
    }

    [Fact]
    public void Missing_values_switch_css_ml_to_ml_and_are_skipped()
    {
        // R forecast 8.20: y <- lynx; y[c(5, 40, 41, 90)] <- NA; Arima(y, order = c(2,0,0))
        //   coef ar1 1.13713503079395 ar2 -0.590060344980108 intercept 1542.71322299473; loglik -905.723642855818
        var y = Case("lynx_(2,0,0)_mean").Y;
        foreach (var t in new[] { 4, 39, 40, 89 }) y[t] = double.NaN;
        var m = new Research.Forecasting.Models.Arima.Arima(new ArimaOptions { Order = new(2, 0, 0) }).FitModel(new(y));
        Assert.Equal(ArimaMethod.Ml, m.Method);
        Assert.Equal(1.13713503079395, m.Coefficient("ar1"), 6);
        Assert.Equal(-0.590060344980108, m.Coefficient("ar2"), 6);
        Assert.Equal(1542.71322299473, m.Coefficient("intercept"), 3);
        Assert.Equal(-905.723642855818, m.LogLikelihood, 6);
        Assert.True(double.IsNaN(m.Residuals[4]));
        Assert.Equal(110, m.Nobs);
    }
}
