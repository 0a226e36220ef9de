using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Neural.Data;
using Research.Forecasting.Neural.Networks;
using Research.Forecasting.Neural.Training;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural;

/// <summary>
/// A trained global neural model: the network, the encoding fitted on the training panel, the training history and the
/// hash of the training data. Forecasts every series of a panel at once; <see cref="Save"/> and <see cref="Load"/> keep
/// weights, configuration and data hash in one file.
/// </summary>
public sealed class NeuralModel : IForecastModel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // NaN validation loss without validation
        Converters = { new JsonStringEnumConverter() },
    };

    internal NeuralModel(NeuralOptions options, PanelEncoding encoding, NeuralNetwork network, TrainingHistory history, string dataHash, int threads)
    {
        Options = options;
        Encoding = encoding;
        Network = network;
        History = history;
        DataHash = dataHash;
        Threads = threads;
    }

    /// <summary>The options it was trained with, panel-dependent choices resolved.</summary>
    public NeuralOptions Options { get; }

    public PanelEncoding Encoding { get; }

    public NeuralNetwork Network { get; }

    public TrainingHistory History { get; }

    /// <summary>SHA-256 of the training data (<see cref="NeuralForecaster.DataHash"/>).</summary>
    public string DataHash { get; }

    /// <summary>libtorch threads used for training and forecasting.</summary>
    public int Threads { get; }

    /// <inheritdoc />
    /// <remarks>Point forecasts only: <paramref name="levels"/> are not computed. Asking for more steps than the head emits fails every series.</remarks>
    public PanelForecast Forecast(SeriesPanel history, SeriesPanel future, int steps, IReadOnlyList<double>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(future);
        var n = history.SeriesCount;
        var errors = new string?[n];
        var forecasts = new SeriesForecast?[n];
        if (steps > Encoding.Horizon)
        {
            Array.Fill(errors, $"{Options.Name} emits {Encoding.Horizon} steps, {steps} were asked for");
            return new PanelForecast(forecasts, errors);
        }
        if (future.SeriesCount != n) throw new ArgumentException($"history has {n} series, future {future.SeriesCount}", nameof(future));
        var windows = WindowSet.Last(history, future, Encoding, errors);
        var scaled = Predict(windows);
        for (var i = 0; i < n; i++)
        {
            if (errors[i] is not null)
            {
                errors[i] = $"{Options.Name} forecast failed on {history[i].Id}: {errors[i]}";
                continue;
            }
            var scale = Encoding.TargetScale(history[i]);
            var mean = new double[steps];
            for (var k = 0; k < steps; k++) mean[k] = Encoding.Transform.Invert(scale.Invert(scaled[i * Encoding.Horizon + k]));
            forecasts[i] = new SeriesForecast(mean);
        }
        return new PanelForecast(forecasts, errors);
    }

    /// <summary>The network's scaled outputs [windows, H], row-major (evaluation mode, no gradients).</summary>
    public float[] Predict(WindowSet windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        TorchRuntime.UseThreads(Threads);
        Network.eval();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using var tensors = new WindowTensors(windows);
        var parts = new List<float>(windows.Count * Encoding.Horizon);
        for (long from = 0; from < windows.Count; from += 4096)
        {
            var (batch, _) = tensors.Slice(from, Math.Min(windows.Count, from + 4096));
            parts.AddRange(Network.call(batch).data<float>().ToArray());
        }
        return [.. parts];
    }

    /// <summary>
    /// Writes the model to one file (a zip: <c>model.json</c> with options, encoding, history and data hash;
    /// <c>weights.bin</c> in TorchSharp's format), through a temporary file moved into place.
    /// </summary>
    public void Save(string path)
    {
        var tmp = path + ".tmp";
        try
        {
            using (var file = File.Create(tmp))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                var saved = new SavedModel(Options with { Network = null }, Encoding, History, DataHash, Threads);
                using (var w = new StreamWriter(Entry(zip, "model.json"))) w.Write(JsonSerializer.Serialize(saved, Json));
                using var weights = new BinaryWriter(Entry(zip, "weights.bin"));
                Network.save(weights);
            }
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            File.Delete(tmp); // nothing half-written is left behind
        }
    }

    /// <summary>
    /// Reads a model written by <see cref="Save"/>. A model with a custom network needs the same factory
    /// (<paramref name="network"/>); <paramref name="expectedDataHash"/>, when given, must match the recorded one.
    /// </summary>
    public static NeuralModel Load(string path, Func<NetworkShape, NeuralNetwork>? network = null, string? expectedDataHash = null)
    {
        using var zip = ZipFile.OpenRead(path);
        SavedModel saved;
        using (var r = new StreamReader(Open(zip, "model.json", path)))
            saved = JsonSerializer.Deserialize<SavedModel>(r.ReadToEnd(), Json) ?? throw new InvalidDataException($"{path}: empty model.json");
        if (expectedDataHash is not null && !string.Equals(expectedDataHash, saved.DataHash, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: trained on data with hash {saved.DataHash}, expected {expectedDataHash}");
        if (saved.Options.NetworkName is { } name && network is null)
            throw new ArgumentException($"{path} holds the custom network '{name}'; pass its factory to Load", nameof(network));
        var options = saved.Options with { Network = network };
        var net = Networks.Network.Create(NeuralForecaster.Shape(saved.Encoding, options));
        using (var weights = new MemoryStream())
        {
            using (var s = Open(zip, "weights.bin", path)) s.CopyTo(weights);
            weights.Position = 0;
            using var reader = new BinaryReader(weights);
            net.load(reader);
        }
        net.eval();
        return new NeuralModel(options, saved.Encoding, net, saved.History, saved.DataHash, saved.Threads);
    }

    private static Stream Entry(ZipArchive zip, string name)
    {
        var e = zip.CreateEntry(name, CompressionLevel.Optimal);
        e.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero); // same bytes for the same model
        return e.Open();
    }

    private static Stream Open(ZipArchive zip, string name, string path) =>
        (zip.GetEntry(name) ?? throw new InvalidDataException($"{path}: no {name}; not a saved neural model")).Open();

    private sealed record SavedModel(NeuralOptions Options, PanelEncoding Encoding, TrainingHistory History, string DataHash, int Threads);
}
