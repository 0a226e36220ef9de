using System.Security.Cryptography;
using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Neural.Data;
using Research.Forecasting.Neural.Networks;
using Research.Forecasting.Neural.Training;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural;

/// <summary>
/// A global neural forecaster: one network (LSTM, GRU, MLP or a module of your own) trained on windows cut from every
/// series of the panel (<see cref="WindowSet"/>), each series scaled by its own statistics and the forecasts scaled back.
/// <see cref="Fit"/> returns a <see cref="NeuralModel"/>; the options are not changed. Seeded: the fit context's seed
/// initialises the weights (<c>torch.manual_seed</c>), drives dropout and shuffles the batches, so the same seed with
/// the same thread count on the same machine gives the same forecasts, bit for bit.
/// </summary>
/// <remarks>
/// libtorch's random generator and thread count are process-wide, so fits in one process run one at a time (a lock):
/// two fits started together on different threads still each give their seed's result. Other code that draws from
/// libtorch's global generator while a fit runs (another library creating modules) would still disturb it.
/// </remarks>
public sealed class NeuralForecaster(NeuralOptions options) : IForecaster
{
    private static readonly Lock Torch = new();

    public NeuralOptions Options { get; } = options;

    public string Name => Options.Name;

    public IForecastModel Fit(SeriesPanel train, FitContext context) => FitModel(train, context);

    /// <summary>Trains on <paramref name="train"/>; <paramref name="epochDone"/> sees each epoch (for progress and loss curves).</summary>
    public NeuralModel FitModel(SeriesPanel train, FitContext? context = null, Action<EpochRecord>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        context ??= new FitContext();
        lock (Torch) return FitLocked(train, context, epochDone);
    }

    private NeuralModel FitLocked(SeriesPanel train, FitContext context, Action<EpochRecord>? epochDone)
    {
        Options.Validate();
        var o = Options.ResolveFor(train, context);
        TorchRuntime.UseThreads(Threads(o, context));
        var encoding = PanelEncoding.Fit(train, o);
        var validationFrom = o.ValidationLength > 0 ? train.MaxTime - o.ValidationLength + 1 : long.MaxValue;
        var trainWindows = WindowSet.Cut(train, encoding, targetsTo: validationFrom - 1);
        if (trainWindows.Count == 0)
            throw new ArgumentException($"{Name}: no training windows of {o.InputLength} inputs and {o.Horizon} targets"
                + (o.ValidationLength > 0 ? $" before the last {o.ValidationLength} periods (validation)" : "") + "; the series are too short");
        var validationWindows = o.ValidationLength > 0 ? WindowSet.Cut(train, encoding, targetsFrom: validationFrom) : null;

        manual_seed(context.Seed);
        var network = Network.Create(Shape(encoding, o));
        using var trainTensors = new WindowTensors(trainWindows);
        using var validationTensors = validationWindows is { Count: > 0 } ? new WindowTensors(validationWindows) : null;
        var history = Trainer.Fit(network, trainTensors, validationTensors, o, context.Seed, epochDone);
        return new NeuralModel(o, encoding, network, history, DataHash(train, o), Threads(o, context));
    }

    /// <summary>The network sizes for an encoding.</summary>
    public static NetworkShape Shape(PanelEncoding e, NeuralOptions o) =>
        new(e.InputLength, e.PastFeatures, e.Horizon, e.FutureFeatures, e.Static.Count, e.CategoryLevels, o);

    /// <summary>
    /// SHA-256 (hex) of what the model was trained on: series ids, times, target and the covariates it reads, in panel order.
    /// </summary>
    public static string DataHash(SeriesPanel panel, NeuralOptions o)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var s in panel.Series)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(s.Id + "\n"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Time));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Target));
            foreach (var d in o.Dynamic) hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Dynamic(d)));
            foreach (var c in o.Static) hash.AppendData(BitConverter.GetBytes(s.Static(c)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static int Threads(NeuralOptions o, FitContext context) => o.Threads > 0 ? o.Threads : Math.Max(1, context.Parallelism);
}
