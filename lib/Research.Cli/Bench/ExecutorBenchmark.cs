using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Notebooks.Model;
using Research.Forecasting.IO;
using Research.Notebooks.Protocol;
using Spectre.Console;

namespace Research.Cli.Bench;

/// <summary>
/// Notebook runner overhead on the real kernel: a notebook of trivial cells runs in a fresh kernel host (as
/// <c>notebooks run</c> starts it); the time from starting the process until the kernel is ready and until the first
/// cell's result, and the time per later cell (the runner's and kernel's overhead, as the cells do nothing).
/// </summary>
public static class ExecutorBenchmark
{
    public static int Run(int runs, int cells, string? outPath)
    {
        var dir = Directory.CreateTempSubdirectory("research-bench-executor-").FullName;
        try
        {
            var path = Path.Combine(dir, "trivial.ipynb");
            File.WriteAllText(path, TrivialNotebook(cells), new UTF8Encoding(false));
            var (file, prefix) = KernelHostProtocol.DefaultCommand();
            var ready = new List<double>();
            var first = new List<double>();
            var perCell = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                var (startToReady, startToFirst, later) = Once(file, prefix, path, dir);
                ready.Add(startToReady);
                first.Add(startToFirst);
                perCell.AddRange(later);
            }
            var report = new JsonObject
            {
                ["cells"] = cells,
                ["runs"] = runs,
                ["load_average_1min"] = LoadAverage(),
                ["kernel_ready_s_median"] = Math.Round(Median(ready), 4),
                ["first_cell_s_median"] = Math.Round(Median(first), 4),
                ["first_cell_s_max"] = Math.Round(first.Max(), 4),
                ["later_cell_ms_median"] = Math.Round(Median(perCell) * 1000, 2),
                ["later_cell_ms_p90"] = Math.Round(Quantile(perCell, 0.9) * 1000, 2),
            };
            var table = new Table().AddColumns("measure", "value");
            table.AddRow("process start to kernel ready (median / max)", $"{F(Median(ready))} s / {F(ready.Max())} s");
            table.AddRow("process start to first cell result (median / max)", $"{F(Median(first))} s / {F(first.Max())} s");
            table.AddRow("each later trivial cell (median / p90)", $"{F(Median(perCell) * 1000)} ms / {F(Quantile(perCell, 0.9) * 1000)} ms");
            Terminal.Out.Write(table);
            Terminal.Out.WriteLine($"{runs} fresh kernel hosts x {cells} trivial cells; 1-minute load average {LoadAverage()} on {Environment.ProcessorCount} cores");
            if (outPath is not null) AtomicFile.WriteAllText(outPath, report.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (double Ready, double First, List<double> Later) Once(string file, IReadOnlyList<string> prefix, string path, string dir)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (var a in prefix.Concat(KernelHostProtocol.Arguments(path, dir))) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var ready = double.NaN;
        var ends = new List<double>();
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null)
        {
            switch (KernelHostProtocol.Parse(line))
            {
                case KernelReady:
                    ready = watch.Elapsed.TotalSeconds;
                    break;
                case CellFinished end:
                    if (!end.Ok) throw new InvalidOperationException($"a trivial cell failed: {line}");
                    ends.Add(watch.Elapsed.TotalSeconds);
                    break;
            }
        }
        p.WaitForExit();
        var later = new List<double>();
        for (var i = 2; i < ends.Count; i++) later.Add(ends[i] - ends[i - 1]); // cell 2 onwards, after the first real submission
        return (ready, ends[0], later);
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    private static string TrivialNotebook(int cells)
    {
        var array = new JsonArray();
        for (var i = 0; i < cells; i++)
            array.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = i.ToString("x8", CultureInfo.InvariantCulture),
                ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(),
                ["source"] = i == 0 ? "var x0 = 0;\nx0" : $"var x{i} = x{i - 1} + 1;\nx{i}",
            });
        return JupyterJson.Write(new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        });
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    private static double Median(List<double> v) => Quantile(v, 0.5);

    private static double Quantile(List<double> v, double q)
    {
        var s = v.Order().ToArray();
        var pos = q * (s.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = (int)Math.Ceiling(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
