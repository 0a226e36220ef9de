using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Research.Cli.Tests.Support;
using Research.Forecasting.IO;
using Xunit.Abstractions;

namespace Research.Cli.Tests.Backtest;

/// <summary>
/// <c>research backtest --shard K/N</c> in N separate processes, then <c>research merge</c>, gives the output folder of one
/// unsharded process byte for byte, on a real slice: the orange-juice series of stores 2, 5 and 8 (33 store x brand
/// series, weekly log units) over 59 rounds that start where most series have two weeks of history, so drift and AR(1)
/// fall back to the mean 231 times (the failures are merged too). Compared byte for byte: <c>forecasts.csv.gz</c>,
/// <c>metrics.json</c>, <c>failures.csv</c>, and in <c>run.json</c> the run id and those three files' sizes and SHA-256.
/// Not compared: <c>timings.json</c> (wall seconds differ from run to run; the merge adds each model's seconds over the
/// shards), <c>manifest.json</c> (times, command line) and the rest of <c>run.json</c> (the merge's command line, and the
/// hashes of those two files).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ShardCliTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Compared = ["forecasts.csv.gz", "metrics.json", "failures.csv"];

    /// <summary>data/oj/yx.csv.gz restricted to stores 2, 5 and 8 (the header and those stores' rows, unchanged).</summary>
    private string Slice()
    {
        using var gz = new GZipStream(File.OpenRead(Repo.Path("data", "oj", "yx.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var sb = new StringBuilder(reader.ReadLine() + "\n");
        while (reader.ReadLine() is { } line)
            if (line.Split(',', 2)[0] is "2" or "5" or "8") sb.Append(line).Append('\n');
        return _dir.Write("oj-stores-2-5-8.csv", sb.ToString());
    }

    private static string[] Args(string data, string output, params string[] extra)
    {
        var args = new List<string>
        {
            "backtest", "--data", data, "--id", "store,brand", "--time", "week", "--freq", "periods", "--target", "logmove",
            "--horizon", "2", "--gap", "2", "--step", "2", "--rounds", "59", "--fill", "none", "--models", "naive,mean,drift,ar1",
            "--levels", "80,95", "--threads", "1", "--out", output,
        };
        for (var i = 0; i < extra.Length; i += 2)
        {
            var at = args.IndexOf(extra[i]);
            if (at >= 0) args[at + 1] = extra[i + 1];
            else args.AddRange([extra[i], extra[i + 1]]);
        }
        return [.. args];
    }

    [Fact]
    public void Merged_shards_equal_the_unsharded_run_byte_for_byte_for_1_3_and_7_shards()
    {
        var data = Slice();
        var whole = _dir.File("whole");
        Complete(Args(data, whole));
        var failures = File.ReadAllLines(Path.Combine(whole, "failures.csv"));
        Assert.Equal(232, failures.Length); // header + 231 fallbacks (drift 77, ar1 154)
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(whole, "metrics.json")))!;
        Assert.Equal(33, metrics["data"]!["series"]!.GetValue<int>());

        foreach (var n in new[] { 1, 3, 7 })
        {
            // the N shards at once, each its own process, as an indexed job runs them
            var folders = Enumerable.Range(0, n).Select(k => _dir.File($"shard-{n}-{k}")).ToArray();
            var processes = folders.Select((f, k) => Start(Args(data, f, "--shard", $"{k}/{n}"))).ToArray();
            foreach (var p in processes) Finish(p);
            var held = folders.Select(f => JsonNode.Parse(File.ReadAllText(Path.Combine(f, "shard.json")))!["series"]!.AsObject().Count).ToArray();
            Assert.Equal(33, held.Sum());
            log.WriteLine($"{n} shards hold {string.Join(", ", held)} series");

            var merged = _dir.File($"merged-{n}");
            Complete(["merge", .. folders, "--out", merged]);
            foreach (var file in Compared)
                Assert.True(File.ReadAllBytes(Path.Combine(whole, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(merged, file))),
                    $"{file} of {n} merged shards differs from the unsharded run's");
            var a = JsonNode.Parse(File.ReadAllText(Path.Combine(whole, "run.json")))!;
            var b = JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "run.json")))!;
            Assert.Equal(a["run_id"]!.GetValue<string>(), b["run_id"]!.GetValue<string>());
            foreach (var file in Compared)
                Assert.Equal(a["files"]![file]!.ToJsonString(), b["files"]![file]!.ToJsonString());
            Assert.Equal(OutputFolder.Verify(whole), OutputFolder.Verify(merged));
            // timings: the same models, seconds added over the shards
            var timings = JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "timings.json")))!;
            Assert.Equal(n, timings["shards"]!.GetValue<int>());
            Assert.Equal(["naive", "mean", "drift", "ar1"], timings["models"]!.AsObject().Select(kv => kv.Key));
            var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(merged, "manifest.json")))!;
            Assert.Equal("research merge", manifest["command"]!.GetValue<string>());
            Assert.Equal(n, manifest["details"]!["shards"]!.AsArray().Count);
        }
    }

    [Fact]
    public void Merge_refuses_missing_twice_given_and_foreign_shards_naming_the_folder()
    {
        var data = Slice();
        string Shard(string name, int k, int n, params string[] extra)
        {
            var folder = _dir.File(name);
            var r = ResearchCli.Run(Args(data, folder, ["--shard", $"{k}/{n}", "--rounds", "3", .. extra]));
            Assert.True(r.ExitCode == 0, r.Error);
            return folder;
        }
        var s0 = Shard("s0", 0, 3);
        var s1 = Shard("s1", 1, 3);
        var s2 = Shard("s2", 2, 3);
        var other = Shard("other", 2, 3, "--models", "naive,mean");
        var split = Shard("split", 1, 2);
        var outFolder = _dir.File("merged");

        void Refused(string expected, params string[] folders)
        {
            var r = ResearchCli.Run(["merge", .. folders, "--out", outFolder]);
            Assert.Equal(2, r.ExitCode);
            Assert.Equal(expected, r.ErrorLines.Single());
            Assert.False(Directory.Exists(outFolder));
        }
        Refused($"error: partials {s0} {s2}: shard 1/3 missing: merge needs each of the 3 shards once", s0, s2);
        Refused($"error: {s1}: shard 1/3 is given twice (also {s1})", s0, s1, s1, s2);
        var otherRun = JsonNode.Parse(File.ReadAllText(Path.Combine(other, "shard.json")))!["full_run_id"]!.GetValue<string>();
        var r = ResearchCli.Run(["merge", s0, s1, other, "--out", outFolder]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: {Path.Combine(other, "shard.json")}: shard 2/3 belongs to run {otherRun} (data sha256 ", r.ErrorLines.Single(), StringComparison.Ordinal);
        Refused($"error: {Path.Combine(split, "shard.json")}: shard 1/2 is one of 2 shards, {s0} holds shard 0/3: give the shards of one split", s0, split);
        var whole = _dir.File("whole");
        Assert.Equal(0, ResearchCli.Run(Args(data, whole, "--rounds", "3")).ExitCode);
        Refused($"error: {whole}: is not a shard (no shard.json): merge combines the output folders of research backtest --shard K/N", whole, s1);
        // a damaged shard
        File.AppendAllText(Path.Combine(s2, "failures.csv"), "x\n");
        r = ResearchCli.Run(["merge", s0, s1, s2, "--out", outFolder]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"error: {s2}: is not a complete output folder: ", r.ErrorLines.Single(), StringComparison.Ordinal);
        // the right three make the run
        File.WriteAllLines(Path.Combine(s2, "failures.csv"), File.ReadAllLines(Path.Combine(s2, "failures.csv")).SkipLast(1));
        Assert.Equal(0, ResearchCli.Run(["merge", s2, s0, s1, "--out", outFolder]).ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "metrics.json")), File.ReadAllBytes(Path.Combine(outFolder, "metrics.json")));
    }

    [Theory]
    [InlineData("3/3", "error: --shard 3/3: K counts from 0: the shards of 3 are 0..2")]
    [InlineData("1-3", "error: --shard 1-3: expected K/N, e.g. 0/4 (shard K of N, counted from 0 like JOB_COMPLETION_INDEX)")]
    [InlineData("0/0", "error: --shard 0/0: N, the number of shards, is at least 1")]
    public void A_bad_shard_is_a_usage_error(string shard, string expected)
    {
        var r = ResearchCli.Run(Args(_dir.Write("x.csv", "store,brand,week,logmove\n1,1,1,1\n"), _dir.File("out"), "--shard", shard));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected, r.ErrorLines.Single());
    }

    [Fact]
    public void A_global_model_is_not_sharded()
    {
        var r = ResearchCli.Run(Args(Slice(), _dir.File("out"), "--shard", "0/2", "--models", "naive,lgbm", "--rounds", "2"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: --shard 0/2: lgbm fits one model across series (global), so its forecasts depend on which series a shard holds; "
            + "shard the local models and backtest the global ones in one process", r.ErrorLines.Single());
        Assert.False(Directory.Exists(_dir.File("out")));
    }

    private sealed record Child(Process Process, Task<string> Output, Task<string> Error);

    private static Child Start(IEnumerable<string> args)
    {
        var (file, prefix) = Repo.Cli();
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix.Concat(args)) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        var p = Process.Start(psi)!;
        return new Child(p, p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
    }

    private static void Finish(Child c)
    {
        c.Process.WaitForExit();
        Assert.True(c.Process.ExitCode == 0, $"exit {c.Process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {c.Error.Result}\n{c.Output.Result}");
        c.Process.Dispose();
    }

    private static void Complete(IEnumerable<string> args) => Finish(Start(args));
}
