using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Notebooks.Running;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Spectre.Console;

namespace Research.Cli.Bench;

/// <summary>
/// Loading Rossmann <c>train.csv.gz</c> into a panel vs pandas <c>read_csv(parse_dates=["Date"])</c>
/// (<c>tests/reference/load_pandas.py</c>), each in fresh processes, several runs, min and median.
/// </summary>
public static class LoadBenchmark
{
    /// <summary>What a child process measures: the bare panel load, or the dataset helper with joins.</summary>
    public enum Child { None, Panel, Dataset }

    /// <summary>In a child process: load once and print one JSON line.</summary>
    public static int RunChild(Child mode)
    {
        var sw = Stopwatch.StartNew();
        var panel = mode == Child.Panel
            ? PanelLoader.Load(DataPaths.Get("rossmann", "train.csv.gz"), Rossmann.Schema)
            : Rossmann.Load();
        var seconds = sw.Elapsed.TotalSeconds;
        var json = new JsonObject
        {
            ["load_s"] = Math.Round(seconds, 4),
            ["rows"] = panel.RowCount,
            ["maxrss_kb"] = ChildProcess.PeakResidentKb(),
        };
        Console.WriteLine(json.ToJsonString());
        return 0;
    }

    public static int Run(int runs, string python, string? outPath)
    {
        var root = Path.GetDirectoryName(DataPaths.Root)!;
        var (self, prefix) = ChildProcess.Self();
        var script = Path.Combine(root, "tests", "reference", "load_pandas.py");
        var samples = new Dictionary<string, List<(double Load, double Process, double PeakMb)>>
        {
            ["C# panel"] = [], ["C# Rossmann.Load"] = [], ["pandas"] = [],
        };
        var pandasAvailable = File.Exists(python) && ChildProcess.Run(python, ["-c", "import pandas"], TimeSpan.FromSeconds(60)).ExitCode == 0;
        Terminal.Progress("bench load", runs * 3, step =>
        {
            for (var r = 0; r < runs; r++)
            {
                // interleave the contenders so drift in machine load hits all of them alike
                Measure("C# panel", self, [.. prefix, "bench", "load", "--child", "panel"], "load_s");
                step(1);
                Measure("C# Rossmann.Load", self, [.. prefix, "bench", "load", "--child", "dataset"], "load_s");
                step(1);
                if (pandasAvailable) Measure("pandas", python, [script], "read_csv_s");
                step(1);
            }
            return 0;
        });

        void Measure(string name, string file, string[] args, string loadKey)
        {
            var result = ChildProcess.Run(file, args, TimeSpan.FromMinutes(5), root);
            if (result.ExitCode != 0) throw new InvalidOperationException($"{name} failed ({result.ExitCode}): {result.Stderr}");
            var line = result.Stdout.Trim().Split('\n')[^1];
            var json = JsonNode.Parse(line)!;
            samples[name].Add((json[loadKey]!.GetValue<double>(), result.Wall.TotalSeconds, json["maxrss_kb"]!.GetValue<double>() / 1024.0));
        }

        var report = new JsonObject { ["file"] = "data/rossmann/train.csv.gz", ["runs"] = runs };
        var table = new Table().AddColumns("contender", "load s (min)", "load s (median)", "process s (median)", "peak MB (median)");
        foreach (var (name, list) in samples)
        {
            if (list.Count == 0) continue;
            var load = list.Select(x => x.Load).ToArray();
            var process = list.Select(x => x.Process).ToArray();
            var peak = list.Select(x => x.PeakMb).ToArray();
            report[name] = new JsonObject
            {
                ["load_s_min"] = Math.Round(load.Min(), 4),
                ["load_s_median"] = Math.Round(Median(load), 4),
                ["process_s_median"] = Math.Round(Median(process), 4),
                ["peak_mb_median"] = Math.Round(Median(peak), 1),
            };
            table.AddRow(name, F(load.Min()), F(Median(load)), F(Median(process)), Median(peak).ToString("F0", CultureInfo.InvariantCulture));
        }
        if (samples["pandas"].Count > 0)
        {
            double Ratio(Func<(double Load, double Process, double PeakMb), double> f) =>
                Median(samples["C# panel"].Select(f).ToArray()) / Median(samples["pandas"].Select(f).ToArray());
            report["ratio_csharp_over_pandas"] = new JsonObject
            {
                ["load"] = Math.Round(Ratio(x => x.Load), 3),
                ["process"] = Math.Round(Ratio(x => x.Process), 3),
                ["peak_memory"] = Math.Round(Ratio(x => x.PeakMb), 3),
            };
        }
        Terminal.Out.Write(table);
        if (report["ratio_csharp_over_pandas"] is JsonObject ratio)
            Terminal.Out.WriteLine($"C# / pandas (medians): load {ratio["load"]}, whole process {ratio["process"]}, peak memory {ratio["peak_memory"]}");
        else
            Terminal.Out.WriteLine($"pandas not available at {python}: only the C# figures were measured (install python3-pandas)");
        if (outPath is not null)
        {
            AtomicFile.WriteAllText(outPath, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Terminal.Out.WriteLine($"wrote {outPath}");
        }
        return 0;
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    private static double Median(double[] v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
