using System.Text.Json;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Baselines;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Models;

/// <summary>Baselines against R forecast 8.20 (tests/reference/baselines.R → Fixtures/baselines/baselines.json).</summary>
public sealed class BaselineTests
{
    private static readonly JsonElement Fixture = Fixtures.Load("baselines/baselines.json");

    private static double[] Doubles(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(v => v.GetDouble()).ToArray() : [e.GetDouble()];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Fixture.At("cases").EnumerateArray())
            foreach (var model in new[] { "mean", "naive", "drift", "snaive" })
                if (c.TryGetProperty(model, out _)) data.Add(c.At("name").GetString()!, model);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forecasts_and_intervals_match_R(string series, string model)
    {
        var c = Fixture.At("cases").EnumerateArray().Single(x => x.At("name").GetString() == series);
        var y = Doubles(c.At("y"));
        var h = c.At("h").GetInt32();
        ISeriesForecaster forecaster = model switch
        {
            "mean" => new Mean(),           // R: meanf(y, h)
            "naive" => new Naive(),         // R: naive(y, h)
            "drift" => new Drift(),         // R: rwf(y, h, drift = TRUE)
            _ => new SeasonalNaive(c.At("m").GetInt32()), // R: snaive(ts(y, frequency = m), h)
        };
        var f = forecaster.FitForecast(new SeriesData(y), h, levels: [80, 95]);
        var expected = c.At(model);
        AssertClose(Doubles(expected.At("mean")), f.Mean);
        AssertClose(Doubles(expected.At("lower80")), f.Interval(80).Lower);
        AssertClose(Doubles(expected.At("upper95")), f.Interval(95).Upper);
    }

    [Theory]
    [InlineData("WWWusage", "ar1")]
    [InlineData("lynx", "ar3")]
    [InlineData("oj_2_1_logmove", "ar3")]
    public void Ar_by_ols_matches_R_lm(string series, string key)
    {
        var c = Fixture.At("cases").EnumerateArray().Single(x => x.At("name").GetString() == series);
        var expected = c.At(key);
        var model = (ArOls.Model)new ArOls(expected.At("order").GetInt32()).Fit(new SeriesData(Doubles(c.At("y"))));
        Assert.Equal(expected.At("intercept").GetDouble(), model.Constant, 1e-8);
        AssertClose(Doubles(expected.At("phi")), model.Phi);
        Assert.Equal(expected.At("sigma").GetDouble(), model.Sigma, 1e-8);
        AssertClose(Doubles(expected.At("mean")), model.Forecast(c.At("h").GetInt32()).Mean);
    }

    [Fact]
    public void Ten_points_AR1_by_OLS_forecasts_the_eleventh()
    {
        // R: lm(y[2:10] ~ y[1:9]) on y = 12 15 14 16 18 17 20 21 19 23 → c = 5.5806, φ = 0.7419, ŷ11 = c + φ·23
        var t = Fixture.At("textbook");
        var f = new ArOls(1).FitForecast(new SeriesData(Doubles(t.At("y"))), 1);
        Assert.Equal(t.At("mean").GetDouble(), f.Mean[0], 10);
        Assert.Equal(22.6451612903226, f.Mean[0], 10);
    }

    [Fact]
    public void Ar_recovers_an_exact_process()
    {
        // y_t = 2 + 0.5 y_{t-1}, y_0 = 10: OLS fits exactly, the forecast continues the recursion
        var y = new double[12];
        y[0] = 10;
        for (var t = 1; t < y.Length; t++) y[t] = 2 + 0.5 * y[t - 1];
        var model = (ArOls.Model)new ArOls(1).Fit(new SeriesData(y));
        Assert.Equal(2, model.Constant, 10);
        Assert.Equal(0.5, model.Phi[0], 10);
        Assert.Equal(2 + 0.5 * y[^1], model.Forecast(1).Mean[0], 10);
    }

    [Fact]
    public void Missing_values_are_skipped()
    {
        double[] y = [1, 2, double.NaN, 4, double.NaN];
        Assert.Equal(4, new Naive().FitForecast(new SeriesData(y), 1).Mean[0]);
        Assert.Equal(7.0 / 3, new Mean().FitForecast(new SeriesData(y), 1).Mean[0], 12);
        Assert.Equal(3, new MovingAverage(2).FitForecast(new SeriesData(y), 1).Mean[0]);
        // seasonal naive (m = 2): times 5, 6, 7 take times 3, 4→2 (4 is missing: a whole season further back), 5→3
        Assert.Equal([4.0, 3, 4], new SeasonalNaive(2).FitForecast(new SeriesData([1, 2, 3, 4, double.NaN]), 3).Mean);
    }

    [Fact]
    public void A_series_with_nothing_observed_cannot_be_fitted()
    {
        Assert.Throws<ArgumentException>(() => new Mean().Fit(new SeriesData([double.NaN, double.NaN])));
        Assert.Throws<ArgumentException>(() => new Naive().Fit(new SeriesData([double.NaN])));
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])), $"[{i}] expected {expected[i]}, got {actual[i]}");
    }
}
