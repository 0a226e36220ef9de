using System.Globalization;
using System.Text;
using System.Text.Json;
using Research.Cli.Tests.Support;

namespace Research.Cli.Tests.Recommend;

/// <summary><c>research recommend</c>: options checked first, one error line and exit 2, outputs swapped in as a unit.</summary>
[Collection(CliCollection.Name)]
public sealed class RecommendCliTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// A small synthetic shop in the Online Retail format: 30 customers in two taste groups (products A1..A6 and
    /// B1..B6), each buying from its group before and after the split; one cancellation and one line without a customer
    /// that the cleaning must drop.
    /// </summary>
    private string Shop()
    {
        var sb = new StringBuilder("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
        var rng = new Random(3);
        var invoice = 600000;
        for (var c = 0; c < 30; c++)
        {
            var group = c % 2 == 0 ? "A" : "B";
            foreach (var (month, day) in new[] { (2, 10), (4, 12), (7, 5), (10, 3) })
            {
                invoice++;
                for (var k = 0; k < 3; k++)
                {
                    var product = $"{group}{1 + rng.Next(6)}";
                    sb.Append(CultureInfo.InvariantCulture, $"{invoice},{product},THING {product},{1 + rng.Next(5)},2011-{month:00}-{day:00} 10:00:00,1.25,{13000 + c},United Kingdom\n");
                }
            }
        }
        sb.Append("C700000,A1,THING A1,-2,2011-10-04 10:00:00,1.25,13000,United Kingdom\n");
        sb.Append("700001,A2,THING A2,1,2011-10-04 10:00:00,1.25,,United Kingdom\n");
        return _dir.Write("retail.csv", sb.ToString());
    }

    private static string[] Small(string data, string output) =>
        ["recommend", "--data", data, "--factors", "2,3", "--regularization", "0.1", "--alpha", "5", "--iterations", "5",
         "--product", "A1", "--customers", "3", "--out", output, "--threads", "1"];

    [Fact]
    public void Writes_metrics_tuning_and_targets_and_is_byte_identical_when_run_twice()
    {
        var data = Shop();
        var first = _dir.File("first");
        var second = _dir.File("second");
        var r = ResearchCli.Run(Small(data, first));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(0, ResearchCli.Run(Small(data, second)).ExitCode);
        Assert.Equal(["metrics.json", "run.json", "targets.csv", "tuning.csv"], _dir.Entries(first));
        foreach (var f in new[] { "metrics.json", "targets.csv", "tuning.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, f)), File.ReadAllBytes(Path.Combine(second, f)));
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "metrics.json")));
        var methods = metrics.RootElement.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("method").GetString()!).ToArray();
        Assert.Equal(["popularity", "item-item cosine", "implicit ALS"], methods);
        Assert.Equal(30, metrics.RootElement.GetProperty("protocol").GetProperty("train_users").GetInt32());
        Assert.Equal(2, File.ReadAllLines(Path.Combine(first, "tuning.csv")).Length - 1);
        var targets = File.ReadAllLines(Path.Combine(first, "targets.csv"));
        Assert.Equal("product,method,rank,customer,score", targets[0]);
        Assert.Equal(7, targets.Length); // 3 customers x 2 methods
        // only group A customers (even ids) share products with A1: every cosine target with a positive score is one of them
        var cosineTargets = targets.Where(l => l.Contains(",cosine,", StringComparison.Ordinal)).Select(l => l.Split(','))
            .Where(f => double.Parse(f[4], CultureInfo.InvariantCulture) > 0).Select(f => int.Parse(f[3], CultureInfo.InvariantCulture)).ToArray();
        Assert.NotEmpty(cosineTargets);
        Assert.All(cosineTargets, c => Assert.Equal(0, (c - 13000) % 2));
        Assert.Contains("implicit ALS", r.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error: --split 2011-13-01: is not a valid calendar date", "--split", "2011-13-01")]
    [InlineData("error: --validation-split 2011-10-01: must be before --split 2011-09-01 (tuning stays inside the training period)", "--validation-split", "2011-10-01")]
    [InlineData("error: --end 2011-08-01: must be after --split 2011-09-01", "--end", "2011-08-01")]
    [InlineData("error: --k 0: must be at least 1", "--k", "0")]
    [InlineData("error: --factors 0: factors are whole numbers of at least 1", "--factors", "8,0")]
    [InlineData("error: --alpha -1: must be at least 0", "--alpha", "-1")]
    [InlineData("error: --regularization x: is not a finite number", "--regularization", "x")]
    [InlineData("error: --solver lu: use cg or exact", "--solver", "lu")]
    [InlineData("error: --iterations 0: must be at least 1", "--iterations", "0")]
    public void Bad_options_are_one_error_line_and_exit_2(string expected, string option, string value)
    {
        var output = _dir.File("out");
        var r = ResearchCli.Run("recommend", "--data", Shop(), option, value, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected + "\n", r.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Missing_data_file_and_unknown_product_are_usage_errors_that_write_nothing()
    {
        var output = _dir.File("out");
        var missing = _dir.File("nope.csv");
        var r = ResearchCli.Run("recommend", "--data", missing, "--out", output);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: --data {missing}: no such file\n", r.Error);
        var args = Small(Shop(), output);
        args[Array.IndexOf(args, "A1")] = "ZZZ";
        r = ResearchCli.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --product ZZZ: was not sold to a known customer before --split 2011-09-01\n", r.Error);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_malformed_data_line_is_located()
    {
        var data = _dir.Write("bad.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
            + "600001,A1,THING,1,2011-02-10 10:00:00,1.25,13000,United Kingdom\n600002,A2,THING,two,2011-02-10 10:00:00,1.25,13001,United Kingdom\n");
        var r = ResearchCli.Run("recommend", "--data", data, "--out", _dir.File("out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: {data}, line 3, column 4 (Quantity): 'two' is not a number\n", r.Error);
        Assert.Single(r.ErrorLines);
    }
}
