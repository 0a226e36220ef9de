using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Datasets;
using Research.Forecasting.Models;
using Research.Forecasting.Neural;
using Research.Forecasting.Neural.Data;
using Research.Notebooks.Running;
using Spectre.Console;
using static TorchSharp.torch;

namespace Research.Cli.Bench;

/// <summary>
/// <c>research bench neural</c>: training throughput on the reference configuration (LSTM, 4 inputs per step: the
/// scaled log units of the orange-juice panel with deal, feat and own price; hidden 64, 1 layer, sequence 52, batch 256,
/// a linear horizon-2 head, Adam lr 1e-3, MSE; no clipping, no validation), in sequences per second, for three
/// contenders with the same thread count: the library's own pipeline and trainer (<see cref="NeuralForecaster"/>,
/// windows cut from the panel), a bare TorchSharp loop over the same window tensors, and PyTorch
/// (<c>tests/reference/lstm_throughput.py</c>, Debian's python3-torch) reading the same tensors. The contenders take
/// turns for <c>--repeats</c> rounds and each keeps its best epoch rate, so a burst of load on the shared machine hurts
/// all alike.
/// </summary>
public static class NeuralThroughputBenchmark
{
    /// <summary>The reference configuration as library options.</summary>
    public static NeuralOptions Reference(int epochs, int threads) => new()
    {
        Name = "lstm-reference",
        Architecture = Architecture.Lstm,
        InputLength = 52,
        Horizon = 2,
        Hidden = 64,
        Layers = 1,
        Transform = TargetTransform.Log,
        Scaling = Scaling.Standard,
        Dynamic = ["deal", "feat", "price"],
        KnownFuture = false,
        Loss = Loss.Mse,
        LearningRate = 1e-3,
        BatchSize = 256,
        MaxEpochs = epochs,
        Patience = 0,
        Threads = threads,
    };

    public static int Run(int epochs, int threads, int repeats, string python, string? outPath)
    {
        // before anything loads libtorch: idle OpenMP workers sleep (unless OMP_WAIT_POLICY is set), for every contender;
        // the PyTorch child inherits the variable
        var waitPolicy = TorchRuntime.PreferPassiveWait() ?? "libgomp default";
        var load = Load();
        var panel = OrangeJuiceBenchmark.Prepare(OrangeJuice.Load());
        var options = Reference(epochs, threads);
        var watch = Stopwatch.StartNew();
        var windows = WindowSet.Cut(panel, PanelEncoding.Fit(panel, options));
        var cutSeconds = watch.Elapsed.TotalSeconds;
        Terminal.Out.WriteLine($"{windows.Count:N0} windows of 52 x {windows.PastFeatures} cut in {cutSeconds:F2} s; {epochs} epoch(s) per run, {threads} thread(s) (1 inter-op), OMP_WAIT_POLICY {waitPolicy}, {repeats} round(s); load {load}");

        var folder = Directory.CreateTempSubdirectory("neural-bench-").FullName;
        try
        {
            WriteTensors(folder, windows, options);
            double library = 0, bare = 0, pytorch = double.NaN;
            string? pytorchError = null;
            for (var r = 0; r < repeats; r++)
            {
                var model = new NeuralForecaster(options).FitModel(panel, new FitContext(42, threads));
                library = Math.Max(library, model.History.Epochs.Max(e => windows.Count / e.Seconds));
                bare = Math.Max(bare, BareLoop(windows, epochs, threads));
                var py = PyTorch(python, folder, epochs, threads, out pytorchError);
                if (py is { } rate) pytorch = double.IsNaN(pytorch) ? rate : Math.Max(pytorch, rate);
                Terminal.Out.WriteLine($"round {r + 1}: library {library:F0}, bare TorchSharp {bare:F0}, PyTorch {(double.IsNaN(pytorch) ? "-" : pytorch.ToString("F0", CultureInfo.InvariantCulture))} sequences/s (best so far)");
            }
            var loadAfter = Load();

            var table = new Table().AddColumns("contender", "sequences/s", "library ÷ contender");
            table.AddRow("library pipeline + trainer (TorchSharp 0.107, libtorch 2.10)", F(library), "1.00");
            table.AddRow("bare TorchSharp loop, same tensors", F(bare), (library / bare).ToString("F2", CultureInfo.InvariantCulture));
            table.AddRow($"PyTorch {(pytorchError is null ? "(python3-torch)" : "(failed)")}", F(pytorch), double.IsNaN(pytorch) ? "" : (library / pytorch).ToString("F2", CultureInfo.InvariantCulture));
            Terminal.Out.Write(table);
            if (pytorchError is not null) Terminal.Out.WriteLine($"PyTorch run failed: {pytorchError}");
            Terminal.Out.WriteLine($"targets: library >= 2.5 x PyTorch, library >= 0.8 x bare loop; load before {load}, after {loadAfter}");

            if (outPath is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
                AtomicFile.WriteAllText(outPath, new JsonObject
                {
                    ["configuration"] = "LSTM 4 inputs, hidden 64, 1 layer, sequence 52, batch 256, horizon-2 linear head, Adam 1e-3, MSE",
                    ["windows"] = windows.Count,
                    ["epochs_per_run"] = epochs,
                    ["threads"] = threads,
                    ["omp_wait_policy"] = waitPolicy,
                    ["repeats"] = repeats,
                    ["load_before"] = load,
                    ["load_after"] = loadAfter,
                    ["library_sequences_per_second"] = Math.Round(library, 1),
                    ["bare_torchsharp_sequences_per_second"] = Math.Round(bare, 1),
                    ["pytorch_sequences_per_second"] = double.IsNaN(pytorch) ? null : Math.Round(pytorch, 1),
                }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            }
            return pytorchError is null ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The bare loop: <c>nn.LSTM</c> + <c>nn.Linear</c> on the last hidden state, Adam, MSE, batches gathered by a random
    /// permutation, on tensors made once from the same windows. Returns the best epoch's sequences per second.
    /// </summary>
    private static double BareLoop(WindowSet w, int epochs, int threads)
    {
        TorchRuntime.UseThreads(threads);
        manual_seed(42);
        using var past = tensor(w.Past, [w.Count, w.InputLength, w.PastFeatures]);
        using var target = tensor(w.Target, [w.Count, w.Horizon]);
        using var lstm = nn.LSTM(w.PastFeatures, 64, 1, batchFirst: true);
        using var head = nn.Linear(64, w.Horizon);
        using var optimizer = optim.Adam(lstm.parameters().Concat(head.parameters()), lr: 1e-3);
        var best = 0.0;
        for (var e = 0; e < epochs; e++)
        {
            var watch = Stopwatch.StartNew();
            using var perm = randperm(w.Count);
            for (long i = 0; i < w.Count; i += 256)
            {
                using var scope = NewDisposeScope();
                var idx = perm.narrow(0, i, Math.Min(256, w.Count - i));
                optimizer.zero_grad();
                var (_, h, _) = lstm.call(past.index_select(0, idx), null);
                var loss = nn.functional.mse_loss(head.call(h[-1]), target.index_select(0, idx));
                loss.backward();
                optimizer.step();
            }
            best = Math.Max(best, w.Count / watch.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static double? PyTorch(string python, string folder, int epochs, int threads, out string? error)
    {
        var script = Path.Combine(Path.GetDirectoryName(Research.Forecasting.Data.DataPaths.Root)!, "tests", "reference", "lstm_throughput.py");
        var r = ChildProcess.Run(python, [script, folder, epochs.ToString(CultureInfo.InvariantCulture), threads.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromHours(1));
        if (r.ExitCode != 0)
        {
            error = $"{python} {script} exited {r.ExitCode}: {r.Stderr.Trim()}";
            return null;
        }
        error = null;
        var rates = JsonNode.Parse(r.Stdout.Trim().Split('\n')[^1])!["sequences_per_second"]!.AsArray().Select(n => n!.GetValue<double>());
        return rates.Max();
    }

    private static void WriteTensors(string folder, WindowSet w, NeuralOptions o)
    {
        using (var f = File.Create(Path.Combine(folder, "past.f32"))) f.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(w.Past.AsSpan()));
        using (var f = File.Create(Path.Combine(folder, "target.f32"))) f.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(w.Target.AsSpan()));
        File.WriteAllText(Path.Combine(folder, "shape.json"), new JsonObject
        {
            ["windows"] = w.Count,
            ["input_length"] = w.InputLength,
            ["features"] = w.PastFeatures,
            ["horizon"] = w.Horizon,
            ["hidden"] = o.Hidden,
            ["batch"] = o.BatchSize,
        }.ToJsonString());
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string F(double v) => double.IsFinite(v) ? v.ToString("F0", CultureInfo.InvariantCulture) : "";
}
