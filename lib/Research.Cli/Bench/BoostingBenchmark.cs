using System.Globalization;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Data;
using Research.Forecasting.ML.Benchmarks;
using Research.Forecasting.ML.Learners;
using Research.Notebooks.Running;
using Spectre.Console;

namespace Research.Cli.Bench;

/// <summary>
/// <c>research bench gbm</c>: LightGBM through ML.NET's trainer and through the native library, against xgboost
/// (tests/reference/xgboost_gbm.py) on the same exported feature matrix and the same tree shape, the same threads:
/// validation RMSE and training time, with the ratios in one run.
/// </summary>
public static class BoostingBenchmark
{
    public static int Run(TreeShape shape, int threads, int repeats, string python, string? outPath)
    {
        var (train, validation) = BoostingComparison.Matrices();
        var dir = Path.Combine("artifacts", "bench", "gbm");
        Directory.CreateDirectory(dir);
        var trainCsv = Path.GetFullPath(Path.Combine(dir, "train.csv"));
        var validCsv = Path.GetFullPath(Path.Combine(dir, "valid.csv"));
        train.WriteCsv(trainCsv);
        validation.WriteCsv(validCsv);

        var results = new Dictionary<string, (double Rmse, double Seconds)>(StringComparer.Ordinal);
        foreach (var engine in new[] { LightGbmEngine.MlNet, LightGbmEngine.Native })
            results[$"lightgbm ({(engine == LightGbmEngine.MlNet ? "ML.NET trainer" : "native")})"] = BoostingComparison.Run(shape.Learner(engine), train, validation, threads, repeats);

        JsonNode? xgb = null;
        var root = Path.GetDirectoryName(DataPaths.Root)!;
        var script = Path.Combine(root, "tests", "reference", "xgboost_gbm.py");
        var args = new[]
        {
            script, trainCsv, validCsv, "--trees", I(shape.Trees), "--leaves", I(shape.Leaves), "--depth", I(shape.Depth),
            "--eta", shape.LearningRate.ToString("R", CultureInfo.InvariantCulture), "--bins", I(shape.Bins), "--min-leaf", I(shape.MinLeaf),
            "--threads", I(threads), "--repeats", I(repeats),
        };
        // the same OpenMP wait policy as LightGBM here (see LightGbmNative.Initialize): sleeping, not spinning, on a shared machine
        var run = ChildProcess.Run(python, args, TimeSpan.FromMinutes(60), root,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["OMP_WAIT_POLICY"] = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "PASSIVE" });
        if (run.ExitCode == 0) xgb = JsonNode.Parse(run.Stdout.Trim().Split('\n')[^1]);
        else Terminal.Out.WriteLine($"xgboost failed ({run.ExitCode}): {run.Stderr.Trim()}");
        if (xgb is not null && (xgb["rows"]!.GetValue<int>() != train.Rows || xgb["columns"]!.GetValue<int>() != train.Width
            || Math.Abs(xgb["label_sum"]!.GetValue<double>() - BoostingComparison.LabelSum(train)) > 1e-6 * Math.Abs(BoostingComparison.LabelSum(train))))
            throw new InvalidOperationException($"xgboost read {xgb["rows"]} x {xgb["columns"]} with label sum {xgb["label_sum"]}; the matrix is {train.Rows} x {train.Width}, {BoostingComparison.LabelSum(train)}");

        var table = new Table().AddColumns("trainer", "validation RMSE", "RMSE / xgboost", "training seconds", "seconds / xgboost");
        double? xr = xgb?["rmse"]?.GetValue<double>(), xs = xgb?["seconds"]?.GetValue<double>();
        foreach (var (name, (rmse, seconds)) in results)
            table.AddRow(name, F(rmse, 5), xr is { } a ? F(rmse / a, 4) : "", F(seconds, 2), xs is { } b ? F(seconds / b, 2) + "x" : "");
        if (xgb is not null) table.AddRow($"xgboost {xgb["xgboost"]}", F(xr!.Value, 5), "1", F(xs!.Value, 2), "1x");
        Terminal.Out.Write(table);
        Terminal.Out.WriteLine($"orange juice round 1 (weeks 40..135), {train.Rows:N0} x {train.Width} training rows, {validation.Rows:N0} validation rows (last {BoostingComparison.ValidationWeeks} weeks); "
            + $"{shape.Trees} trees, {shape.Leaves} leaves, depth {shape.Depth}, learning rate {shape.LearningRate}, {shape.Bins} bins, min {shape.MinLeaf} rows per leaf; {threads} threads; best of {repeats}; load {Load()}");
        if (outPath is not null)
        {
            var json = new JsonObject
            {
                ["shape"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(shape)),
                ["threads"] = threads,
                ["rows"] = train.Rows,
                ["columns"] = train.Width,
                ["validation_rows"] = validation.Rows,
                ["load_average"] = Load(),
                ["xgboost"] = xgb?.DeepClone(),
            };
            foreach (var (name, (rmse, seconds)) in results)
                json[name] = new JsonObject { ["rmse"] = rmse, ["seconds"] = Math.Round(seconds, 3), ["rmse_ratio"] = xr is { } a ? rmse / a : null, ["time_ratio"] = xs is { } b ? Math.Round(seconds / b, 3) : null };
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            AtomicFile.WriteAllText(outPath, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        }
        return 0;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v, int digits) => v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
