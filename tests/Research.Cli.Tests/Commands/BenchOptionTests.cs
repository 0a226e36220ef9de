using Research.Cli.Tests.Support;

namespace Research.Cli.Tests.Commands;

/// <summary>The bench verbs check their options and the reference tools they need before any timing.</summary>
[Collection(CliCollection.Name)]
public sealed class BenchOptionTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string? _path = Environment.GetEnvironmentVariable("PATH");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _path);
        _dir.Dispose();
    }

    [Fact]
    public void Bench_arima_with_r_but_no_Rscript_is_a_usage_error_before_any_timing()
    {
        Environment.SetEnvironmentVariable("PATH", _dir.Path); // nothing in it
        var output = _dir.File("arima.json");
        var r = ResearchCli.Run("bench", "arima", "--r", "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --r: Rscript is not on the PATH: install R (Debian: apt-get install r-base-core r-cran-forecast) or leave out --r\n", r.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Bench_arima_with_an_R_that_lacks_the_forecast_package_is_a_usage_error()
    {
        if (OperatingSystem.IsWindows()) return; // the stand-in is a shell script
        // a stand-in Rscript that fails like R without the package
        var fake = _dir.Write("Rscript", "#!/bin/sh\necho \"Error in library(forecast) : there is no package called 'forecast'\" >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable("PATH", $"{_dir.Path}:/usr/bin:/bin");
        var r = ResearchCli.Run("bench", "arima", "--r", "--out", _dir.File("arima.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --r: R cannot load the forecast package (Error in library(forecast) : there is no package called 'forecast'): install it (Debian: apt-get install r-cran-forecast) or leave out --r\n", r.Error);
    }

    [Theory]
    [InlineData("error: --rounds 0: must be at least 1", "bench", "oj", "--rounds", "0")]
    [InlineData("error: --rounds 11: the protocol has 10 rounds", "bench", "oj", "--rounds", "11")]
    [InlineData("error: --threads 0: must be at least 1", "bench", "oj", "--threads", "0")]
    [InlineData("error: --models foo: is not a model; known models: ar1, ar3, arima, arimax, automl, drift, fasttree, fasttree-tweedie, gru, lgbm, lgbm-l2, linear, loglog, lstm, ma4, mean, mlp, naive, sarima, snaive", "bench", "oj", "--models", "naive,foo")]
    [InlineData("error: --repeats 0: must be at least 1", "bench", "arima", "--repeats", "0")]
    [InlineData("error: --runs 0: must be at least 1", "bench", "load", "--runs", "0")]
    [InlineData("error: --case foo: use rossmann, generated or all", "bench", "load", "--case", "foo")]
    [InlineData("error: Required command was not provided. Unrecognized command or argument 'nope'. (see research --help)", "nope")]
    public void Bench_options_are_checked_first(string expected, params string[] args)
    {
        var r = ResearchCli.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected + "\n", r.Error);
    }

    [Fact]
    public void Bench_oj_refuses_an_output_folder_of_other_things()
    {
        var folder = _dir.File("mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "keep");
        var r = ResearchCli.Run("bench", "oj", "--out", folder);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: --out {folder}: is a folder with other content (no run.json of an earlier run): it would be replaced whole, so name a new or empty folder\n", r.Error);
    }
}
