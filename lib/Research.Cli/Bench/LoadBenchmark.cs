using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.IO;
using Spectre.Console;

namespace Research.Cli.Bench;

/// <summary>
/// Loading a CSV into a panel vs pandas <c>read_csv(parse_dates=[...])</c> (<c>tests/reference/load_pandas.py</c>),
/// each in fresh processes, several runs, min and median of the load time and the median peak resident memory.
/// Two cases: Rossmann <c>train.csv.gz</c> (1,017,209 rows) and a generated 5-million-row, ~200 MB plain CSV
/// (<see cref="Generate"/>), whose peak memory the loader must keep within twice the file's size.
/// </summary>
public static class LoadBenchmark
{
    /// <summary>What a child process measures: the bare panel load, or the dataset helper with joins.</summary>
    public enum Child { None, Panel, Dataset }

    [Flags]
    public enum Cases { Rossmann = 1, Generated = 2, All = Rossmann | Generated }

    /// <summary>Rows of the generated file: 5,000 stores x 1,000 days.</summary>
    public const int GeneratedStores = 5000, GeneratedDays = 1000;

    /// <summary>Schema of the generated file.</summary>
    public static PanelSchema GeneratedSchema { get; } = new()
    {
        Ids = ["store"],
        Time = "date",
        Frequency = Frequency.Daily,
        Target = "sales",
        Dynamic = ["customers", "promo", "price", ColumnSpec.Boolean("holiday")],
    };

    /// <summary>In a child process: load once and print one JSON line.</summary>
    public static int RunChild(Child mode, string? file)
    {
        var sw = Stopwatch.StartNew();
        var panel = mode == Child.Dataset ? Rossmann.Load()
            : file is null ? PanelLoader.Load(DataPaths.Get("rossmann", "train.csv.gz"), Rossmann.Schema)
            : PanelLoader.Load(file, GeneratedSchema);
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

    /// <summary>
    /// Writes the generated file once (deterministic, seed 42): columns store, date, sales, customers, promo, price,
    /// holiday; rows day by day (all stores of a day, then the next day), as exports usually are, so the loader has to
    /// regroup them by series. About 40 bytes a row.
    /// </summary>
    public static string Generate(string path)
    {
        if (File.Exists(path)) return path;
        var random = new Random(42);
        AtomicFile.Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
            w.WriteLine("store,date,sales,customers,promo,price,holiday");
            var start = new DateOnly(2013, 1, 1);
            var sb = new StringBuilder(64);
            for (var d = 0; d < GeneratedDays; d++)
            {
                var date = start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var holiday = d % 61 == 0 ? "TRUE" : "FALSE";
                for (var s = 1; s <= GeneratedStores; s++)
                {
                    var promo = random.Next(3) == 0 ? 1 : 0;
                    var sales = Math.Round(2000 + random.NextDouble() * 12000 * (1 + 0.3 * promo), 2);
                    sb.Clear();
                    sb.Append(s).Append(',').Append(date).Append(',').Append(sales.ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                      .Append(200 + random.Next(1800)).Append(',').Append(promo).Append(',')
                      .Append((random.Next(100, 2000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture)).Append(',').Append(holiday);
                    w.WriteLine(sb);
                }
            }
        });
        return path;
    }

    public static int Run(int runs, string python, string? outPath, Cases cases = Cases.All)
    {
        var root = Path.GetDirectoryName(DataPaths.Root)!;
        var (self, prefix) = ChildProcess.Self();
        var script = Path.Combine(root, "tests", "reference", "load_pandas.py");
        var pandasAvailable = File.Exists(python) && ChildProcess.Run(python, ["-c", "import pandas"], TimeSpan.FromSeconds(60)).ExitCode == 0;
        var report = new JsonObject { ["runs"] = runs, ["processors"] = Environment.ProcessorCount, ["load_average_before"] = LoadAverage() };

        if (cases.HasFlag(Cases.Rossmann))
        {
            var samples = Measure(runs, root, [
                ("C# panel", self, [.. prefix, "bench", "load", "--child", "panel"], "load_s"),
                ("C# Rossmann.Load", self, [.. prefix, "bench", "load", "--child", "dataset"], "load_s"),
                .. pandasAvailable ? [("pandas", python, [script], "read_csv_s")] : Array.Empty<(string, string, string[], string)>(),
            ]);
            report["rossmann"] = Report("data/rossmann/train.csv.gz", null, samples);
        }
        if (cases.HasFlag(Cases.Generated))
        {
            var file = Path.Combine(root, "artifacts", "bench", "load-5m.csv");
            Terminal.Out.WriteLine(File.Exists(file) ? $"using {file}" : $"writing {file} (5,000,000 rows, once)");
            Generate(file);
            var size = new FileInfo(file).Length;
            var samples = Measure(runs, root, [
                ("C# panel", self, [.. prefix, "bench", "load", "--child", "panel", "--child-file", file], "load_s"),
                .. pandasAvailable ? [("pandas", python, [script, "--file", file, "--parse-dates", "date"], "read_csv_s")] : Array.Empty<(string, string, string[], string)>(),
            ]);
            var generated = Report(Path.GetRelativePath(root, file), size, samples);
            report["generated"] = generated;
            var peak = generated["C# panel"]!["peak_mb_median"]!.GetValue<double>();
            Terminal.Out.WriteLine($"generated file: {size / 1e6:F0} MB; C# peak {peak:F0} MB = {peak * 1e6 / size:F2} x the file size (goal: at most 2 x)");
        }
        report["load_average_after"] = LoadAverage();
        if (!pandasAvailable) Terminal.Out.WriteLine($"pandas not available at {python}: only the C# figures were measured (install python3-pandas)");
        Terminal.Out.WriteLine($"load average before {report["load_average_before"]}, after {report["load_average_after"]} ({Environment.ProcessorCount} processors)");
        if (outPath is not null)
        {
            AtomicFile.WriteAllText(outPath, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Terminal.Out.WriteLine($"wrote {outPath}");
        }
        return 0;
    }

    private static Dictionary<string, List<(double Load, double Process, double PeakMb)>> Measure(
        int runs, string root, IReadOnlyList<(string Name, string File, string[] Args, string LoadKey)> contenders)
    {
        var samples = contenders.ToDictionary(c => c.Name, _ => new List<(double, double, double)>());
        Terminal.Progress("bench load", runs * contenders.Count, step =>
        {
            for (var r = 0; r < runs; r++)
            {
                // interleave the contenders so drift in machine load hits all of them alike
                foreach (var (name, file, args, loadKey) in contenders)
                {
                    var result = ChildProcess.Run(file, args, TimeSpan.FromMinutes(10), root);
                    if (result.ExitCode != 0) throw new RunFailedException($"{name} failed ({result.ExitCode}): {result.Stderr.Trim()}");
                    var json = JsonNode.Parse(result.Stdout.Trim().Split('\n')[^1])!;
                    samples[name].Add((json[loadKey]!.GetValue<double>(), result.Wall.TotalSeconds, json["maxrss_kb"]!.GetValue<double>() / 1024.0));
                    step(1);
                }
            }
            return 0;
        });
        return samples;
    }

    private static JsonObject Report(string file, long? bytes, Dictionary<string, List<(double Load, double Process, double PeakMb)>> samples)
    {
        var report = new JsonObject { ["file"] = file };
        if (bytes is { } b) report["bytes"] = b;
        var table = new Table().Title(file).AddColumns("contender", "load s (min)", "load s (median)", "process s (median)", "peak MB (median)");
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
        Terminal.Out.Write(table);
        if (samples.TryGetValue("pandas", out var pandas) && pandas.Count > 0)
        {
            double Ratio(Func<(double Load, double Process, double PeakMb), double> f) =>
                Median(samples["C# panel"].Select(f).ToArray()) / Median(pandas.Select(f).ToArray());
            var ratio = new JsonObject
            {
                ["load"] = Math.Round(Ratio(x => x.Load), 3),
                ["process"] = Math.Round(Ratio(x => x.Process), 3),
                ["peak_memory"] = Math.Round(Ratio(x => x.PeakMb), 3),
            };
            report["ratio_csharp_over_pandas"] = ratio;
            Terminal.Out.WriteLine($"C# panel / pandas (medians): load {ratio["load"]}, whole process {ratio["process"]}, peak memory {ratio["peak_memory"]}");
        }
        return report;
    }

    private static string? LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    private static double Median(double[] v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
