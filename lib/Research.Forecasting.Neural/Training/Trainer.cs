using System.Diagnostics;
using Research.Forecasting.Models;
using Research.Forecasting.Neural.Networks;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural.Training;

/// <summary>
/// The training loop for any <see cref="NeuralNetwork"/>: mini-batches in an order shuffled by a seeded
/// <see cref="Random"/> (Fisher-Yates, one permutation per epoch), MAE or MSE loss, Adam (Kingma and Ba 2015, with
/// PyTorch's L2 <c>weight_decay</c>), optional clipping of the gradients' global norm, and early stopping on the
/// time-ordered validation windows with the best epoch's weights restored. With a fixed thread count
/// (<c>torch.set_num_threads</c>) and the same seed a run repeats exactly.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> in place and returns the history.</summary>
    public static TrainingHistory Fit(NeuralNetwork network, WindowTensors train, WindowTensors? validation, NeuralOptions o, int seed,
        Action<EpochRecord>? epochDone = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (train.Count == 0) throw new ArgumentException("no training windows", nameof(train));
        var random = new Random(seed);
        var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
        using var optimizer = optim.Adam(network.parameters(), lr: o.LearningRate, weight_decay: o.WeightDecay);
        var epochs = new List<EpochRecord>();
        var best = double.PositiveInfinity;
        var bestEpoch = 0;
        Dictionary<string, Tensor>? bestState = null;
        try
        {
            for (var epoch = 1; epoch <= o.MaxEpochs; epoch++)
            {
                var watch = Stopwatch.StartNew();
                Shuffle(order, random);
                network.train();
                double sum = 0;
                using (var permutation = tensor(order))
                    for (var from = 0; from < train.Count; from += o.BatchSize)
                    {
                        using var scope = NewDisposeScope();
                        var to = Math.Min(train.Count, from + o.BatchSize);
                        var (batch, labels) = train.Gather(permutation.narrow(0, from, to - from));
                        optimizer.zero_grad();
                        var loss = Loss(network.call(batch), labels, o.Loss, o.Transform);
                        loss.backward();
                        if (o.ClipNorm > 0) nn.utils.clip_grad_norm_(network.parameters(), o.ClipNorm);
                        optimizer.step();
                        sum += loss.item<float>() * (to - from);
                    }
                var validationLoss = validation is { Count: > 0 } ? Evaluate(network, validation, o.Loss, o.Transform) : double.NaN;
                var record = new EpochRecord(epoch, sum / train.Count, validationLoss, watch.Elapsed.TotalSeconds);
                epochs.Add(record);
                epochDone?.Invoke(record);
                if (double.IsNaN(validationLoss))
                {
                    bestEpoch = epoch;
                    continue;
                }
                if (validationLoss < best)
                {
                    best = validationLoss;
                    bestEpoch = epoch;
                    Dispose(bestState);
                    bestState = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
                }
                else if (o.Patience > 0 && epoch - bestEpoch >= o.Patience) break;
            }
            if (bestState is not null) network.load_state_dict(bestState);
        }
        finally
        {
            Dispose(bestState);
        }
        network.eval();
        return new TrainingHistory(epochs, bestEpoch, train.Count, validation?.Count ?? 0);
    }

    /// <summary>Mean loss over the windows, in evaluation mode, without gradients.</summary>
    public static double Evaluate(NeuralNetwork network, WindowTensors windows, Loss loss, TargetTransform transform = TargetTransform.None, int batchSize = 4096)
    {
        network.eval();
        using var _ = no_grad();
        double sum = 0;
        for (long from = 0; from < windows.Count; from += batchSize)
        {
            using var scope = NewDisposeScope();
            var to = Math.Min(windows.Count, from + batchSize);
            var (batch, labels) = windows.Slice(from, to);
            sum += Loss(network.call(batch), labels, loss, transform).item<float>() * (to - from);
        }
        return sum / windows.Count;
    }

    /// <summary>The loss of a batch: mean over windows and steps (MAPE in the original units, through the transform).</summary>
    public static Tensor Loss(Tensor prediction, Labels labels, Loss loss, TargetTransform transform) => loss switch
    {
        Neural.Loss.Mse => nn.functional.mse_loss(prediction, labels.Target),
        Neural.Loss.Mae => nn.functional.l1_loss(prediction, labels.Target),
        _ => Mape(prediction, labels, transform),
    };

    /// <summary>The loss of a batch against scaled targets (MAE or MSE).</summary>
    public static Tensor Loss(Tensor prediction, Tensor target, Loss loss) =>
        loss == Neural.Loss.Mape ? throw new ArgumentException("MAPE needs the windows' scales", nameof(loss)) : Loss(prediction, new Labels(target, target), loss, TargetTransform.None);

    private static Tensor Mape(Tensor prediction, Labels labels, TargetTransform transform)
    {
        var center = labels.Scale[.., 0..1];
        var scale = labels.Scale[.., 1..2];
        var predicted = Original(center + scale * prediction, transform);
        var actual = Original(center + scale * labels.Target, transform);
        return ((predicted - actual).abs() / actual.abs()).mean();
    }

    private static Tensor Original(Tensor v, TargetTransform transform) => transform switch
    {
        TargetTransform.Log => v.exp(),
        TargetTransform.Log1p => v.exp() - 1,
        _ => v,
    };

    private static void Shuffle(long[] a, Random random)
    {
        for (var i = a.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (a[i], a[j]) = (a[j], a[i]);
        }
    }

    private static void Dispose(Dictionary<string, Tensor>? state)
    {
        if (state is null) return;
        foreach (var t in state.Values) t.Dispose();
    }
}
