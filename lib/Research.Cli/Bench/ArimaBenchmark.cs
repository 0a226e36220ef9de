using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Arima;
using Research.Notebooks.Running;
using Spectre.Console;

namespace Research.Cli.Bench;

/// <summary>
/// AutoARIMA speed against R's auto.arima, single thread each: fitting all 913 orange-juice series on round 1's
/// training window (weeks 40..135, log units), without and with regressors (deal, feat, own price). The R side is
/// <c>tests/reference/arima_timing.R</c>, run in its own process when R is installed.
/// </summary>
public static class ArimaBenchmark
{
    public static int Run(bool runR, int repeats, string? outPath)
    {
        var panel = OrangeJuiceBenchmark.Prepare(OrangeJuice.Load()).Between(OrangeJuice.FirstWeek, OrangeJuiceBenchmark.Protocol().Cutoff(1));
        var xregColumns = OrangeJuiceBenchmark.Setting.Regressors.Select(panel.DynamicIndex).ToArray();
        var plain = panel.Series.Select(s => LocalForecaster.ToData(s, [], TargetTransform.Log)).ToArray();
        var xreg = panel.Series.Select(s => LocalForecaster.ToData(s, xregColumns, TargetTransform.Log)).ToArray();
        var model = new AutoArima();

        // warm up the JIT on a few series, then time single-threaded passes over all of them
        foreach (var d in plain.Take(20).Concat(xreg.Take(20))) model.Fit(d);
        double Time(SeriesData[] data)
        {
            var best = double.MaxValue;
            for (var r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                foreach (var d in data) model.Fit(d);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }
            return best;
        }
        var csPlain = Time(plain);
        var csXreg = Time(xreg);

        JsonNode? r = null;
        var root = Path.GetDirectoryName(DataPaths.Root)!;
        var script = Path.Combine(root, "tests", "reference", "arima_timing.R");
        if (runR)
        {
            var result = ChildProcess.Run("Rscript", [script], TimeSpan.FromMinutes(30), root);
            if (result.ExitCode == 0) r = JsonNode.Parse(result.Stdout.Trim().Split('\n')[^1]);
            else Terminal.Out.WriteLine($"R timing failed ({result.ExitCode}): {result.Stderr.Trim()}");
        }

        var n = plain.Length;
        var table = new Table().AddColumns("variant", "C# seconds", "C# ms per fit", "R seconds", "R ms per fit", "R / C#");
        void Row(string name, double cs, string key)
        {
            var rs = r?[key]?.GetValue<double>();
            table.AddRow(name, F(cs, 2), F(cs / n * 1000, 1), rs is { } v ? F(v, 2) : "", rs is { } w ? F(w / n * 1000, 1) : "", rs is { } x ? F(x / cs, 1) + "x" : "");
        }
        Row("auto ARIMA", csPlain, "seconds_plain");
        Row("auto ARIMA + deal, feat, price", csXreg, "seconds_xreg");
        Terminal.Out.Write(table);
        Terminal.Out.WriteLine($"{n} orange-juice series, weeks 40..135 (round 1), single thread; C#: best of {repeats} after warm-up; R: {(r is null ? "not run" : $"{r["r"]}, forecast {r["forecast"]}")}");

        if (outPath is not null)
            AtomicFile.WriteAllText(outPath, new JsonObject
            {
                ["series"] = n,
                ["csharp_seconds_plain"] = Math.Round(csPlain, 3),
                ["csharp_seconds_xreg"] = Math.Round(csXreg, 3),
                ["r"] = r?.DeepClone(),
                ["ratio_plain"] = r is null ? null : Math.Round(r["seconds_plain"]!.GetValue<double>() / csPlain, 2),
                ["ratio_xreg"] = r is null ? null : Math.Round(r["seconds_xreg"]!.GetValue<double>() / csXreg, 2),
            }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        return 0;
    }

    private static string F(double v, int digits) => v.ToString("F" + digits, CultureInfo.InvariantCulture);
}
