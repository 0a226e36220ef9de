using Research.Forecasting.Neural.Data;
using Research.Forecasting.Neural.Networks;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural.Training;

/// <summary>A <see cref="WindowSet"/> as tensors; batches are gathered with one <c>index_select</c> per part.</summary>
public sealed class WindowTensors : IDisposable
{
    public WindowTensors(WindowSet w)
    {
        Count = w.Count;
        Past = tensor(w.Past, [w.Count, w.InputLength, w.PastFeatures]);
        Future = tensor(w.Future, [w.Count, w.Horizon, w.FutureFeatures]);
        Static = tensor(w.Static, [w.Count, w.StaticFeatures]);
        Categories = tensor(w.Categories, [w.Count, w.CategoryColumns]);
        Target = tensor(w.Target, [w.Count, w.Horizon]);
        Scale = tensor(w.Scale, [w.Count, 2]);
    }

    /// <summary>Windows given as tensors (past [N, L, F], future [N, H, C], static [N, S], categories [N, K] int64, target [N, H]).</summary>
    public WindowTensors(Tensor past, Tensor future, Tensor statics, Tensor categories, Tensor target, Tensor? scale = null)
    {
        Scale = scale ?? stack([zeros(past.shape[0]), ones(past.shape[0])], 1);
        Count = (int)past.shape[0];
        Past = past;
        Future = future;
        Static = statics;
        Categories = categories;
        Target = target;
    }

    public int Count { get; }

    public Tensor Past { get; }

    public Tensor Future { get; }

    public Tensor Static { get; }

    public Tensor Categories { get; }

    public Tensor Target { get; }

    /// <summary>[N, 2]: centre and scale of each window's target scaling.</summary>
    public Tensor Scale { get; }

    /// <summary>The windows at <paramref name="index"/> (int64 [B]).</summary>
    public (NeuralBatch Batch, Labels Labels) Gather(Tensor index) =>
        (new NeuralBatch(Past.index_select(0, index), Future.index_select(0, index), Static.index_select(0, index), Categories.index_select(0, index)),
         new Labels(Target.index_select(0, index), Scale.index_select(0, index)));

    /// <summary>Windows <c>[from, to)</c>, without copying.</summary>
    public (NeuralBatch Batch, Labels Labels) Slice(long from, long to) =>
        (new NeuralBatch(Past.narrow(0, from, to - from), Future.narrow(0, from, to - from), Static.narrow(0, from, to - from),
            Categories.narrow(0, from, to - from)), new Labels(Target.narrow(0, from, to - from), Scale.narrow(0, from, to - from)));

    public void Dispose()
    {
        Past.Dispose();
        Future.Dispose();
        Static.Dispose();
        Categories.Dispose();
        Target.Dispose();
        Scale.Dispose();
    }
}

/// <summary>What a batch is scored against: scaled targets [B, H] and each window's centre and scale [B, 2].</summary>
public readonly record struct Labels(Tensor Target, Tensor Scale);
