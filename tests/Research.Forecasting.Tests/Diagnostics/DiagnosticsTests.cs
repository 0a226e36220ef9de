using System.Text.Json;
using Research.Forecasting.Diagnostics;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Diagnostics;

/// <summary>ACF, PACF and Ljung-Box against R 4.2 stats (tests/reference/diagnostics.R).</summary>
public sealed class DiagnosticsTests
{
    private static readonly JsonElement Fixture = Fixtures.Load("diagnostics/diagnostics.json");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Fixture.At("cases").EnumerateArray()) data.Add(c.At("name").GetString()!);
        return data;
    }

    private static JsonElement Case(string name) => Fixture.At("cases").EnumerateArray().Single(c => c.At("name").GetString() == name);

    private static double[] Values(JsonElement e) => e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Acf_and_pacf_match_R(string name)
    {
        var c = Case(name);
        var y = Values(c.At("y"));
        var lags = c.At("lags").GetInt32();
        var acf = Autocorrelation.Acf(y, lags);
        var expectedAcf = Values(c.At("acf"));       // R: acf(y, lag.max, na.action = na.pass)
        for (var k = 0; k <= lags; k++) Assert.Equal(expectedAcf[k], acf[k], 10);
        var pacf = Autocorrelation.Pacf(y, lags);
        var expectedPacf = Values(c.At("pacf"));     // R: pacf(y, lag.max, na.action = na.pass)
        for (var k = 0; k < lags; k++) Assert.Equal(expectedPacf[k], pacf[k], 10);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ljung_box_matches_R(string name)
    {
        var c = Case(name);
        var lb = c.At("ljung_box");               // R: Box.test(y, lag, type = "Ljung-Box", fitdf)
        var result = LjungBox.Test(Values(c.At("y")), c.At("lags").GetInt32(), lb.At("fitdf").GetInt32());
        Assert.Equal(lb.At("statistic").GetDouble(), result.Statistic, 9);
        Assert.Equal(lb.At("p_value").GetDouble(), result.PValue, 9);
    }

    [Fact]
    public void White_noise_has_no_significant_autocorrelation_and_a_random_walk_has()
    {
        var rng = new Random(7);
        var noise = Enumerable.Range(0, 500).Select(_ => rng.NextDouble() - 0.5).ToArray();
        Assert.True(LjungBox.Test(noise, 10).PValue > 0.01);
        var walk = new double[500];
        for (var t = 1; t < walk.Length; t++) walk[t] = walk[t - 1] + noise[t];
        Assert.True(LjungBox.Test(walk, 10).PValue < 1e-10);
        Assert.True(Autocorrelation.Acf(walk, 1)[1] > 0.9);
    }
}
