using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Research.Cli.Tests.Support;

namespace Research.Cli.Tests.Commands;

/// <summary><c>research inventory</c> on a long table as <c>research backtest</c> writes it.</summary>
[Collection(CliCollection.Name)]
public sealed class InventoryCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// One series; round 1 (periods 1..4) calibrates, round 2 (periods 5..9) is simulated. Model "flat" forecasts 10
    /// everywhere (calibration errors −1, 1, −2, 2: normal safety stock at 50% is 2·mean = 0), "exact" the actuals.
    /// </summary>
    private string Table(string? badActual = null)
    {
        var sb = new StringBuilder("series,round,cutoff,time,actual,exact,flat,exact-lo-80,exact-hi-80,flat-lo-80,flat-hi-80,scale\n");
        double[] actual = [9, 11, 8, 12, 8, 12, 15, 5, 10];
        for (var t = 1; t <= 9; t++)
        {
            var round = t <= 4 ? 1 : 2;
            var a = t == 7 && badActual is not null ? badActual : actual[t - 1].ToString(CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"s1,{round},{(round == 1 ? 0 : 4)},{t},{a},{actual[t - 1]},10,,,,,1.5\n");
        }
        return _dir.Write("forecasts.csv.gz", sb.ToString());
    }

    [Fact]
    public void ItSimulatesEveryModelAndRanksThemByCost()
    {
        var table = Table();
        var output = _dir.File("inv");
        var r = ResearchCli.Run("inventory", "--forecasts", table, "--service-level", "0.5", "--stockout-cost", "4", "--out", output);
        Assert.True(r.ExitCode == 0, r.Error);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "inventory.json")))!;
        var models = json["models"]!.AsArray();
        Assert.Equal("exact", (string)models[0]!["model"]!);
        Assert.Equal(1.0, (double)models[0]!["fill_rate"]!);
        // "flat" with SS 0 and lead time 1 on demands 8, 12, 15, 5, 10 (S_t = 20): t0 20 -> 12; t1 order 8, sell 12 -> 0;
        // t2 8 arrive, order 12, demand 15: 8 served, 7 lost; t3 12 arrive, order 8, sell 5 -> 7; t4 8 arrive (15),
        // order 5, sell 10 -> 5. Holding 12+0+0+7+5 = 24, lost 7·4 = 28, total 52; fill 43/50.
        var flat = models[1]!;
        Assert.Equal(52, (double)flat["total_cost"]!, 9);
        Assert.Equal(43 / 50.0, (double)flat["fill_rate"]!, 12);
        Assert.Equal(1, (int)flat["stockout_periods"]!);
        Assert.Equal("lost sales", (string)json["policy"]!["stockouts"]!);
        Assert.True(File.Exists(Path.Combine(output, "periods.csv")));
        // the same command twice writes the same bytes
        var first = File.ReadAllBytes(Path.Combine(output, "inventory.json"));
        Assert.Equal(0, ResearchCli.Run("inventory", "--forecasts", table, "--service-level", "0.5", "--stockout-cost", "4", "--out", output).ExitCode);
        Assert.Equal(first, File.ReadAllBytes(Path.Combine(output, "inventory.json")));
    }

    [Fact]
    public void ItReadsABacktestOutputFolder()
    {
        Table();
        var r = ResearchCli.Run("inventory", "--forecasts", _dir.Path, "--models", "flat", "--out", _dir.File("inv"));
        Assert.True(r.ExitCode == 0, r.Error);
        var models = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir.File("inv"), "inventory.json")))!["models"]!.AsArray();
        Assert.Single(models);
    }

    [Theory]
    [InlineData("--service-level", "1.5", "error: --service-level 1.5: must be strictly between 0 and 1")]
    [InlineData("--safety-stock", "kernel", "error: --safety-stock kernel: use normal or empirical")]
    [InlineData("--stockouts", "maybe", "error: --stockouts maybe: use lost or backorder")]
    [InlineData("--calibration-rounds", "2", "error: --calibration-rounds 2: leaves no round to simulate: the table has 2 rounds")]
    [InlineData("--models", "lstm", "error: --models lstm: is not a model of")]
    public void ABadOptionIsOneLineNamingItAndExitsWith2(string option, string value, string expected)
    {
        var output = _dir.File("inv");
        var r = ResearchCli.Run("inventory", "--forecasts", Table(), option, value, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.StartsWith(expected, r.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ABadFieldIsNamedByFileLineAndColumn()
    {
        var r = ResearchCli.Run("inventory", "--forecasts", Table(badActual: "lots"), "--out", _dir.File("inv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("forecasts.csv.gz, line 8, column 5 (actual)", r.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("inv")));
    }
}
