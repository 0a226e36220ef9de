using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Arima;
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
        var root = Path.GetDirectoryName(DataPaths.Root)!;
        var script = Path.Combine(root, "tests", "reference", "arima_timing.R");
        if (runR) RequireR(script);
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
        string? rFailure = null;
        if (runR)
        {
            var result = ChildProcess.Run("Rscript", [script], TimeSpan.FromMinutes(30), root);
            if (result.ExitCode == 0 && TryParseLastLine(result.Stdout) is { } parsed) r = parsed;
            else rFailure = result.TimedOut ? "R timing timed out after 30 minutes" : $"R timing failed (exit code {result.ExitCode}): {Last(result.Stderr)}";
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
        Terminal.Out.WriteLine($"{n} orange-juice series, weeks 40..135 (round 1), single thread; C#: best of {repeats} after warm-up; R: {(r is not null ? $"{r["r"]}, forecast {r["forecast"]}" : rFailure ?? "not run")}");

        if (outPath is not null)
            Research.Forecasting.IO.AtomicFile.WriteAllText(outPath, new JsonObject
            {
                ["series"] = n,
                ["csharp_seconds_plain"] = Math.Round(csPlain, 3),
                ["csharp_seconds_xreg"] = Math.Round(csXreg, 3),
                ["r"] = r?.DeepClone(),
                ["ratio_plain"] = r is null ? null : Math.Round(r["seconds_plain"]!.GetValue<double>() / csPlain, 2),
                ["ratio_xreg"] = r is null ? null : Math.Round(r["seconds_xreg"]!.GetValue<double>() / csXreg, 2),
                ["r_failure"] = rFailure,
            }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        if (rFailure is not null)
        {
            // the C# timings above are kept (printed and written); the run still failed
            throw new RunFailedException(rFailure + (outPath is null ? "" : $"; the C# timings are in {outPath}"));
        }
        return ExitCodes.Success;
    }

    /// <summary>
    /// Before any timing: <c>Rscript</c> must be on the PATH and R must have the forecast package, else a usage error
    /// naming <c>--r</c> (exit 2), so minutes of C# timing are not spent on a run that cannot finish.
    /// </summary>
    private static void RequireR(string script)
    {
        if (!File.Exists(script)) throw new UsageException("--r", $"the R script {script} is missing");
        ChildProcess.Result probe;
        try
        {
            probe = ChildProcess.Run("Rscript", ["-e", "suppressMessages(library(forecast)); cat(as.character(packageVersion('forecast')))"], TimeSpan.FromMinutes(2));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UsageException("--r", "Rscript is not on the PATH: install R (Debian: apt-get install r-base-core r-cran-forecast) or leave out --r");
        }
        if (probe.ExitCode != 0)
            throw new UsageException("--r", $"R cannot load the forecast package ({Last(probe.Stderr)}): install it (Debian: apt-get install r-cran-forecast) or leave out --r");
    }

    private static JsonNode? TryParseLastLine(string stdout)
    {
        try
        {
            return JsonNode.Parse(stdout.Trim().Split('\n')[^1]);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Last(string text)
    {
        var lines = text.Trim().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no message" : lines[^1];
    }

    private static string F(double v, int digits) => v.ToString("F" + digits, CultureInfo.InvariantCulture);
}
