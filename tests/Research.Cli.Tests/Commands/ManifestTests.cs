using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Research.Cli.Commands;
using Research.Cli.Tests.Support;
using Research.Forecasting.IO;
using Research.Notebooks.Running;

namespace Research.Cli.Tests.Commands;

/// <summary>
/// Every run's <c>manifest.json</c> (<see cref="RunManifest"/>): beside <c>metrics.json</c>, with the command line, the
/// code's commit, the SHA-256 of exactly the data files the run read, the pinned packages, the seeds, the machine and
/// the durations; and kept out of the files that stay byte-identical.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ManifestTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data()
    {
        var sb = new StringBuilder("store,date,sales\n");
        for (var d = 0; d < 60; d++)
            foreach (var s in new[] { 1, 2 })
                sb.Append(CultureInfo.InvariantCulture, $"{s},{new DateOnly(2021, 1, 1).AddDays(d):yyyy-MM-dd},{10 * s + d % 7}\n");
        return _dir.Write("sales.csv", sb.ToString());
    }

    private static string[] Args(string data, string output, string seed) =>
        ["backtest", "--data", data, "--id", "store", "--time", "date", "--freq", "daily", "--target", "sales", "--horizon", "7", "--rounds", "2",
         "--models", "naive,snaive", "--seed", seed, "--out", output];

    private static JsonNode Json(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    [Fact]
    public void Backtest_writes_a_manifest_beside_its_metrics_and_the_metrics_stay_byte_identical()
    {
        var data = Data();
        var a = _dir.File("a");
        var b = _dir.File("b");
        var before = DateTimeOffset.UtcNow;
        Assert.Equal(0, ResearchCli.Run(Args(data, a, "7")).ExitCode);
        var after = DateTimeOffset.UtcNow;
        Assert.Equal(0, ResearchCli.Run(Args(data, b, "7")).ExitCode);

        var m = RunManifest.Parse(File.ReadAllText(Path.Combine(a, RunManifest.FileName)));
        Assert.Equal("research backtest", m.Command);
        Assert.Equal(Args(data, a, "7"), m.Arguments);
        Assert.Equal(Json(Path.Combine(a, "metrics.json"))["run_id"]!.GetValue<string>(), m.RunId);
        Assert.InRange(m.StartedUtc, before, after);
        Assert.Equal(new Dictionary<string, long> { ["seed"] = 7 }, m.Seeds);
        // exactly the file the run read, hashed independently here
        var digest = Assert.Single(m.Data);
        Assert.Equal(Path.GetFullPath(data), digest.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(data))), digest.Sha256);
        Assert.Equal(new FileInfo(data).Length, digest.Bytes);
        // parts of the run and the total
        Assert.Equal(["backtest", "load", "prepare", "total", "write"], m.DurationsSeconds.Keys);
        Assert.True(m.DurationsSeconds["total"] >= m.DurationsSeconds["backtest"]);
        Assert.True(m.DurationsSeconds["total"] <= (after - before).TotalSeconds + 0.01);
        // the machine
        Assert.Equal(Environment.ProcessorCount, m.Machine.Cores);
        Assert.StartsWith(".NET 10", m.Machine.Runtime, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(m.Machine.Os));
        if (File.Exists("/proc/cpuinfo") && File.ReadAllText("/proc/cpuinfo").Contains("model name", StringComparison.Ordinal)) Assert.False(string.IsNullOrWhiteSpace(m.Machine.Cpu));
        // the pinned packages are Directory.Packages.props', every one of them
        Assert.Equal(Pins().OrderBy(kv => kv.Key, StringComparer.Ordinal), m.Packages.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal("5.0.1", m.Packages["Microsoft.ML"]);
        Assert.Contains("research", m.Assemblies.Keys);
        Assert.Contains("Research.Forecasting", m.Assemblies.Keys);
        Assert.DoesNotContain("System.Private.CoreLib", m.Assemblies.Keys);
        // the code's commit, as git tells it
        if (GitHead() is { } head)
        {
            Assert.Equal(head, m.Git.Commit);
            Assert.NotNull(m.Git.Dirty);
        }

        // the manifest is part of the run (run.json lists it) and differs between the two runs; the metrics do not
        Assert.Equal(OutputFolder.Verify(a), OutputFolder.Verify(b));
        Assert.NotNull(Json(Path.Combine(a, "run.json"))["files"]![RunManifest.FileName]);
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "metrics.json")), File.ReadAllBytes(Path.Combine(b, "metrics.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "forecasts.csv.gz")), File.ReadAllBytes(Path.Combine(b, "forecasts.csv.gz")));
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, RunManifest.FileName)), File.ReadAllText(Path.Combine(b, RunManifest.FileName)));
        Assert.DoesNotContain("started", File.ReadAllText(Path.Combine(a, "metrics.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_rossmann_lists_the_data_files_it_read_with_their_checksums()
    {
        var output = _dir.File("rossmann");
        var r = ResearchCli.Run(["bench", "rossmann", "--models", "naive", "--stores", "2", "--rounds", "1", "--threads", "1", "--seed", "3", "--out", output]);
        Assert.True(r.ExitCode == 0, r.Error);
        var m = RunManifest.Parse(File.ReadAllText(Path.Combine(output, RunManifest.FileName)));
        Assert.Equal("research bench rossmann", m.Command);
        Assert.Equal(3, m.Seeds["seed"]);
        // data/README.md states these SHA-256 sums; here they are computed from the files
        var files = new[] { Repo.Path("data", "rossmann", "train.csv.gz"), Repo.Path("data", "rossmann", "store.csv") };
        Assert.Equal(files.Order(StringComparer.Ordinal), m.Data.Select(d => d.Path).Order(StringComparer.Ordinal));
        foreach (var d in m.Data)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(d.Path))), d.Sha256);
    }

    [Fact]
    public void Git_state_tells_the_commit_and_whether_tracked_files_changed()
    {
        if (GitHead() is null) return; // no git on this machine: the manifest falls back to the build's source revision
        var repo = _dir.File("repo");
        Directory.CreateDirectory(Path.Combine(repo, "sub"));
        Git(repo, "init", "-q");
        File.WriteAllText(Path.Combine(repo, "a.txt"), "one\n");
        Git(repo, "add", "a.txt");
        Git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one");
        var head = Git(repo, "rev-parse", "HEAD").Trim();
        var previous = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Path.Combine(repo, "sub");
            var clean = GitState.Find();
            Assert.Equal(head, clean.Commit);
            Assert.False(clean.Dirty);
            File.WriteAllText(Path.Combine(repo, "untracked.txt"), "not part of the code\n");
            Assert.False(GitState.Find().Dirty);
            File.WriteAllText(Path.Combine(repo, "a.txt"), "two\n");
            var dirty = GitState.Find();
            Assert.Equal(head, dirty.Commit);
            Assert.True(dirty.Dirty);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void The_notebooks_manifest_lists_each_notebooks_data_seeds_and_results_beside_the_executed_notebooks()
    {
        var folder = _dir.File("executed");
        Directory.CreateDirectory(folder);
        var executed = Path.Combine(folder, "09-x.ipynb");
        File.WriteAllText(executed, """
            {"cells": [
              {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": ["var rounds = 2; // rounds\n", "var seed = 17; // the seed\n"]},
              {"cell_type": "code", "metadata": {}, "source": ["var notSeed = 3;\n"]}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);
        var results = _dir.Write("09-x.json", "{\"notebook\": \"09-x\"}\n");
        var data = Repo.Path("data", "oj", "storedemo.csv");
        var options = new RunOptions { Paths = ["notebooks"], Profile = "ci", Parameters = new Dictionary<string, JsonNode?>(), OutputDirectory = folder };
        var summary = new NotebookRunSummary("09-x", 2, 2, 0, 12.5, NotebookStatus.Ok, executed, results, null, 3.25, [data]);
        var path = NotebookManifest.Write(options, [summary], new RunClock(), ["notebooks", "run", "notebooks/09-x.ipynb", "--profile", "ci"]);
        Assert.Equal(Path.Combine(folder, RunManifest.FileName), path);
        var m = RunManifest.Parse(File.ReadAllText(path));
        Assert.Equal("research notebooks run", m.Command);
        Assert.Equal(new Dictionary<string, long> { ["09-x.seed"] = 17 }, m.Seeds);
        Assert.Equal(12.5, m.DurationsSeconds["notebook 09-x"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(data))), Assert.Single(m.Data).Sha256);
        var nb = m.Details!["notebooks"]!.AsArray().Single()!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(results))), nb["results_sha256"]!.GetValue<string>());
        Assert.Equal(data, nb["data"]![0]!.GetValue<string>());
        Assert.Equal("ci", m.Details["profile"]!.GetValue<string>());
    }

    private static IReadOnlyDictionary<string, string> Pins()
    {
        var doc = XDocument.Load(Repo.Path("Directory.Packages.props"));
        var interactive = doc.Descendants("DotNetInteractiveVersion").Single().Value;
        return doc.Descendants("PackageVersion").ToDictionary(p => (string)p.Attribute("Include")!,
            p => ((string)p.Attribute("Version")!).Replace("$(DotNetInteractiveVersion)", interactive, StringComparison.Ordinal), StringComparer.Ordinal);
    }

    private static string? GitHead()
    {
        try
        {
            var head = Git(Repo.Root, "rev-parse", "HEAD").Trim();
            return Regex.IsMatch(head, "^[0-9a-f]{40}$") ? head : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string Git(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-C");
        psi.ArgumentList.Add(dir);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
        return output;
    }
}
