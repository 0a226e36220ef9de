using System.Reflection;
using Research.Forecasting.Backtesting;
using Research.Forecasting.IO;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Baselines;

namespace Research.Forecasting.Tests.IO;

public sealed class FingerprintTests
{
    private static string Mvid(Assembly a) => a.ManifestModule.ModuleVersionId.ToString("N");

    private sealed record Wrapped(string Label) : ISeriesForecaster
    {
        public string Name => Label;

        public ISeriesModel Fit(SeriesData train) => new Naive().Fit(train);
    }

    [Fact]
    public void The_code_build_is_the_model_assemblies_and_the_repository_assemblies_they_reference()
    {
        var core = typeof(Backtester).Assembly;
        Assert.Equal($"Research.Forecasting={Mvid(core)}", Fingerprint.CodeBuild(typeof(Naive)));
        // the test assembly references the core: both count, nothing else loaded (xunit, System.*) does
        var tests = typeof(FingerprintTests).Assembly;
        Assert.Equal($"Research.Forecasting={Mvid(core)},Research.Forecasting.Tests={Mvid(tests)}", Fingerprint.CodeBuild(typeof(FingerprintTests)));
    }

    [Fact]
    public void A_wrapped_model_brings_its_own_assembly_into_the_key()
    {
        var local = new LocalForecaster(new Naive());
        var wrapped = new LocalForecaster(new Wrapped("naive"));
        var tests = $"Research.Forecasting.Tests={Mvid(typeof(FingerprintTests).Assembly)}";
        Assert.DoesNotContain(tests, Fingerprint.DescribeWithCode(local), StringComparison.Ordinal);
        Assert.EndsWith(tests, Fingerprint.DescribeWithCode(wrapped), StringComparison.Ordinal);
        Assert.StartsWith(Fingerprint.Describe(wrapped) + "\n", Fingerprint.DescribeWithCode(wrapped), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_described_property_by_property_with_invariant_numbers()
    {
        var a = Fingerprint.Describe(new BacktestOptions { End = 30, Horizon = 2, Rounds = 3, Levels = [80, 95.5] });
        var b = Fingerprint.Describe(new BacktestOptions { End = 30, Horizon = 2, Rounds = 4, Levels = [80, 95.5] });
        Assert.NotEqual(a, b);
        Assert.Contains("Levels=[80,95.5];", a, StringComparison.Ordinal);
        Assert.Contains("Rounds=3;", a, StringComparison.Ordinal);
    }
}
