using Research.Forecasting.Models;
using Research.Forecasting.Models.Arima;

namespace Research.Forecasting.Tests.Models.Arima;

/// <summary>
/// The <see cref="ISeriesModel"/> contract: forecasting from a history longer than the training data keeps the
/// fitted parameters and re-runs the filter over the longer history.
/// </summary>
public sealed class ArimaModelContractTests
{
    private static double[] WwwUsage => [.. ArimaCase.Fixed.First(c => c.Name.StartsWith("WWWusage", StringComparison.Ordinal)).Y];

    private static double[] Lynx => [.. ArimaCase.Fixed.First(c => c.Name.StartsWith("lynx", StringComparison.Ordinal)).Y];

    [Fact]
    public void Forecast_from_a_longer_history_matches_R_refiltering_the_fitted_model()
    {
        // R forecast 8.20: fit <- Arima(window(WWWusage, end = 80), order = c(1,1,1))
        //   coef ar1 0.62385994845230985 ma1 0.48561586597293499
        //   forecast(Arima(WWWusage, model = fit), h = 5, level = 95)
        var y = WwwUsage;
        var m = new Research.Forecasting.Models.Arima.Arima(new ArimaOptions { Order = new(1, 1, 1) }).FitModel(new SeriesData(y[..80]));
        Assert.Equal(0.62385994845230985, m.Coefficient("ar1"), 6);
        Assert.Equal(0.48561586597293499, m.Coefficient("ma1"), 6);
        var f = m.Forecast(new SeriesData(y), [], 5, [95]);
        double[] mean = [218.95662528484846, 218.30570558883758, 217.89962286083764, 217.64628411108023, 217.48823621171559];
        double[] lower = [212.73014977632576, 203.77000123249687, 195.19300815600494, 187.29951990473671, 180.11692394266186];
        double[] upper = [225.18310079337115, 232.84140994517830, 240.60623756567034, 247.99304831742376, 254.85954848076932];
        for (var h = 0; h < 5; h++)
        {
            Assert.Equal(mean[h], f.Mean[h], 1e-6);
            Assert.Equal(lower[h], f.Interval(95).Lower[h], 1e-6);
            Assert.Equal(upper[h], f.Interval(95).Upper[h], 1e-6);
        }
    }

    [Fact]
    public void Drift_continues_its_time_index_over_a_longer_history()
    {
        // R forecast 8.20: fit <- Arima(window(WWWusage, end = 80), order = c(1,1,0), include.drift = TRUE)
        //   coef ar1 0.78379109231596278 drift 0.46516214443345583
        //   forecast(Arima(WWWusage, model = fit), h = 5, level = 95)
        var y = WwwUsage;
        var m = new Research.Forecasting.Models.Arima.Arima(new ArimaOptions { Order = new(1, 1, 0), IncludeDrift = true }).FitModel(new SeriesData(y[..80]));
        Assert.Equal(["ar1", "drift"], m.CoefficientNames);
        Assert.Equal(0.46516214443345583, m.Coefficient("drift"), 6);
        var f = m.Forecast(new SeriesData(y), [], 5, [95]);
        double[] mean = [218.53299001451197, 217.48373285469182, 216.76190663841993, 216.29671787904985, 216.03267927235399];
        double[] lower = [211.82295091040550, 203.76189047218097, 195.61422211079798, 187.65095905539596, 180.00199746053471];
        for (var h = 0; h < 5; h++)
        {
            Assert.Equal(mean[h], f.Mean[h], 1e-6);
            Assert.Equal(lower[h], f.Interval(95).Lower[h], 1e-6);
        }
    }

    [Fact]
    public void Stationary_model_with_mean_refilters_a_longer_history()
    {
        // R forecast 8.20: fit <- Arima(window(lynx, end = 1900), order = c(2,0,0))
        //   forecast(Arima(lynx, model = fit), h = 4, level = 80)
        var y = Lynx;
        var m = new Research.Forecasting.Models.Arima.Arima(new ArimaOptions { Order = new(2, 0, 0) }).FitModel(new SeriesData(y[..80]));
        Assert.Equal(1357.48693394446945604, m.Coefficient("intercept"), 4);
        var f = m.Forecast(new SeriesData(y), [], 4, [80]);
        double[] mean = [2842.85777998535468, 1797.42412912256077, 968.98996391313335, 669.77699874238829];
        double[] upper = [3951.8096080024188, 3449.1139343949008, 2762.3116616432430, 2463.8151642482367];
        for (var h = 0; h < 4; h++)
        {
            Assert.Equal(mean[h], f.Mean[h], 1e-5);
            Assert.Equal(upper[h], f.Interval(80).Upper[h], 1e-5);
        }
    }

    public static TheoryData<string> Specs() => ["(2,0,1) mean", "(1,1,1)", "(0,1,1) drift", "(1,0,0) mean xreg", "(0,1,1)(0,1,1)12"];

    /// <summary>
    /// Appending observations equal to the model's own one-step predictions leaves the innovations zero, so the
    /// filter state moves exactly as the forecast did: the remaining forecasts must not change.
    /// </summary>
    [Theory]
    [MemberData(nameof(Specs))]
    public void Appending_the_forecast_means_leaves_the_later_forecasts_unchanged(string spec)
    {
        var (options, data) = spec switch
        {
            "(2,0,1) mean" => (new ArimaOptions { Order = new(2, 0, 1) }, new SeriesData(Lynx)),
            "(1,1,1)" => (new ArimaOptions { Order = new(1, 1, 1) }, new SeriesData(WwwUsage)),
            "(0,1,1) drift" => (new ArimaOptions { Order = new(0, 1, 1), IncludeDrift = true }, new SeriesData(WwwUsage)),
            "(1,0,0) mean xreg" => (new ArimaOptions { Order = new(1, 0, 0) }, WithRegressor(Lynx)),
            _ => (new ArimaOptions { Order = new(0, 1, 1), Seasonal = new(0, 1, 1), Period = 12 },
                new SeriesData([.. ArimaCase.Fixed.First(c => c.Name.StartsWith("USAccDeaths", StringComparison.Ordinal)).Y])),
        };
        var model = new Research.Forecasting.Models.Arima.Arima(options).FitModel(data);
        const int steps = 8, known = 3;
        var k = data.Regressors;
        var futureX = Enumerable.Range(0, steps * k).Select(i => Math.Sin(data.Length + i)).ToArray();
        var full = model.Forecast(data, futureX, steps);

        var y = data.Y.ToArray().Concat(full.Mean[..known]).ToArray();
        var x = data.X.ToArray().Concat(futureX[..(known * k)]).ToArray();
        var longer = new SeriesData(y, x, k);
        var rest = model.Forecast(longer, futureX[(known * k)..], steps - known);
        for (var h = 0; h < steps - known; h++)
            Assert.Equal(full.Mean[known + h], rest.Mean[h], 1e-8 * Math.Max(1, Math.Abs(full.Mean[known + h])));
        // the training history reproduces the plain forecast
        Assert.Equal(full.Mean, model.Forecast(steps, futureX).Mean);
    }

    [Fact]
    public void Forecast_checks_the_future_regressors()
    {
        var model = new Research.Forecasting.Models.Arima.Arima(new ArimaOptions { Order = new(1, 0, 0) }).FitModel(WithRegressor(Lynx));
        Assert.Throws<ArgumentException>(() => model.Forecast(3, [1.0, 2.0]));
    }

    [Fact]
    public void Names_and_contract()
    {
        Assert.Equal("arima", new Research.Forecasting.Models.Arima.Arima(new ArimaOptions()).Name);
        Assert.Equal("autoarima", new AutoArima().Name);
        ISeriesForecaster forecaster = new AutoArima();
        var model = forecaster.Fit(new SeriesData(WwwUsage));
        Assert.IsType<ArimaModel>(model);
        Assert.Equal(10, model.Forecast(10).Steps);
    }

    private static SeriesData WithRegressor(double[] y)
    {
        var x = y.Select((_, t) => Math.Sin(t)).ToArray();
        return new SeriesData(y, x, 1);
    }
}
