using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Research.Cli.Tests.Support;
using Research.Forecasting.IO;
using Xunit.Abstractions;

namespace Research.Cli.Tests.Backtest;

/// <summary>
/// <c>research backtest</c> killed at random moments (SIGTERM and SIGKILL in turn) never leaves an output folder that
/// mixes two runs: after every kill the folder is the previous complete run or the new complete run (checked file by
/// file against its manifest), and what killed runs left beside it is gone after the next run.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class KillTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Killing_backtest_a_few_times_never_mixes_two_runs() => KillRepeatedly(tries: 4, seed: 1);

    [LongFact]
    public void Killing_backtest_20_times_never_mixes_two_runs() => KillRepeatedly(tries: 20, seed: 2);

    private void KillRepeatedly(int tries, int seed)
    {
        if (!OperatingSystem.IsLinux()) return; // signals and the atomic exchange are tested where CI runs
        var data = Data();
        var output = _dir.File("out");
        string[] Args(int rounds) =>
            ["backtest", "--data", data, "--id", "store", "--time", "date", "--freq", "daily", "--target", "sales", "--horizon", "14", "--step", "7",
             "--rounds", rounds.ToString(CultureInfo.InvariantCulture), "--models", "naive,mean,drift,ar1", "--levels", "80,95", "--threads", "2", "--out", output];

        // two different runs, each once to the end: their ids, and how long a run takes on this machine now
        var watch = Stopwatch.StartNew();
        Complete(Args(4));
        var first = watch.Elapsed.TotalSeconds;
        var idA = OutputFolder.Verify(output)!;
        watch.Restart();
        Complete(Args(3));
        var seconds = Math.Min(first, watch.Elapsed.TotalSeconds);
        var idB = OutputFolder.Verify(output)!;
        Assert.NotEqual(idA, idB);
        log.WriteLine($"one run: {seconds:F2} s (the shorter of two); runs {idA} (4 rounds) and {idB} (3 rounds)");

        var random = new Random(seed);
        var outcomes = new List<string>();
        var current = idB;
        for (var i = 0; i < tries; i++)
        {
            // always start the run that is not in the folder, so the two possible outcomes can be told apart
            var (rounds, next) = current == idA ? (3, idB) : (4, idA);
            // a third of the kills at any moment of the run, a third while it writes its files (up to a second after the
            // first one appears), a third around the swap (just after the manifest, the last file, appears)
            var mode = i % 3;
            var delay = TimeSpan.FromSeconds(mode switch { 0 => seconds * (0.05 + 0.95 * random.NextDouble()), 1 => random.NextDouble(), _ => 0.005 * random.NextDouble() });
            var signal = i % 2 == 0 ? "SIGTERM" : "SIGKILL";
            using var p = Start(Args(rounds));
            var clock = Stopwatch.StartNew();
            if (mode > 0) WaitForStaged(p, mode == 1 ? null : OutputFolder.ManifestName);
            var writing = clock.Elapsed;
            var whileWriting = mode > 0;
            Thread.Sleep(delay);
            var at = clock.Elapsed;
            var exitedFirst = p.HasExited;
            if (!exitedFirst)
            {
                if (signal == "SIGTERM") Assert.Equal(0, Kill(p.Id, 15));
                else p.Kill();
            }
            Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "the killed process did not end");
            var found = OutputFolder.Verify(output); // throws if any file does not belong to the manifest's run
            Assert.True(found == current || found == next, $"try {i}: folder holds run {found}, expected {current} or {next}");
            var leftovers = _dir.Entries().Where(e => e.StartsWith(".out.", StringComparison.Ordinal)).ToArray();
            outcomes.Add($"try {i + 1}: {signal} at {at.TotalSeconds:F2} s{(whileWriting ? $" ({(mode == 1 ? "files" : "the manifest")} written from {writing.TotalSeconds:F2} s)" : "")}{(exitedFirst ? " (had already finished)" : "")}, exit {p.ExitCode}: "
                + $"{(found == current ? "previous run kept" : "new run in place")}{(leftovers.Length > 0 ? $", left {string.Join(", ", leftovers)}" : "")}");
            current = found!;
        }
        foreach (var o in outcomes) log.WriteLine(o);

        // the next complete run cleans up whatever the killed ones left
        Complete(Args(current == idA ? 3 : 4));
        Assert.Equal(["data.csv", "out"], _dir.Entries());
        Assert.NotNull(OutputFolder.Verify(output));
    }

    // polls until the run's staging folder holds a file (the named one, or any)
    private void WaitForStaged(Process p, string? name)
    {
        var suffix = $".{p.Id.ToString(CultureInfo.InvariantCulture)}.partial";
        while (!p.HasExited)
        {
            try
            {
                foreach (var d in Directory.EnumerateDirectories(_dir.Path, ".out.*"))
                    if (d.EndsWith(suffix, StringComparison.Ordinal) && (name is null ? Directory.EnumerateFiles(d).Any() : File.Exists(Path.Combine(d, name)))) return;
            }
            catch (DirectoryNotFoundException)
            {
                return; // swapped in while we looked
            }
            Thread.Sleep(2);
        }
    }

    private string Data()
    {
        var sb = new StringBuilder("store,date,sales\n");
        var random = new Random(5);
        for (var s = 1; s <= 600; s++)
            for (var d = 0; d < 160; d++)
                sb.Append(CultureInfo.InvariantCulture, $"{s},{new DateOnly(2020, 1, 1).AddDays(d):yyyy-MM-dd},{Math.Round(100 + 10 * Math.Sin(d / 3.0) + random.NextDouble() * 20, 2)}\n");
        return _dir.Write("data.csv", sb.ToString());
    }

    private static Process Start(IEnumerable<string> args)
    {
        var (file, prefix) = Repo.Cli();
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in prefix.Concat(args)) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static void Complete(IEnumerable<string> args)
    {
        using var p = Start(args);
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(5)), "a backtest did not finish in 5 minutes");
        Assert.Equal(0, p.ExitCode);
    }

    private static int Kill(int pid, int signal) => NativeMethods.kill(pid, signal);

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int kill(int pid, int sig);
    }
}
