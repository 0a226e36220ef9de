using System.Text.Json;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Evaluation;

/// <summary>
/// Fixtures/metrics/metrics.json, written by tests/reference/metrics.py (scikit-learn 1.2.1, numpy 1.24.2,
/// scipy 1.10.1) and tests/reference/metrics.R (R 4.2.2, forecast 8.20). null inputs are NaN.
/// </summary>
internal static class MetricFixture
{
    public static JsonElement Root { get; } = Fixtures.Load(Path.Combine("metrics", "metrics.json"));

    public static JsonElement Case(string section, string name) =>
        Root.GetProperty(section).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names(string section)
    {
        var data = new TheoryData<string>();
        foreach (var c in Root.GetProperty(section).EnumerateArray()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static double[] Values(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    public static double Number(this JsonElement e, params string[] path) => e.At(path).GetDouble();

    /// <summary>Asserts <c>|actual − expected| ≤ relative · |expected|</c>.</summary>
    public static void Close(double expected, double actual, double relative, string what)
    {
        Assert.False(double.IsNaN(actual), $"{what}: got NaN, expected {expected:R}");
        var tolerance = relative * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            $"{what}: expected {expected:R}, got {actual:R} (relative difference {Math.Abs(actual - expected) / Math.Abs(expected):E2} > {relative:E0})");
    }
}
