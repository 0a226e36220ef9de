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
    }

    /// <summary>Windows given as tensors (past [N, L, F], future [N, H, C], static [N, S], categories [N, K] int64, target [N, H]).</summary>
    public WindowTensors(Tensor past, Tensor future, Tensor statics, Tensor categories, Tensor target)
    {
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

    /// <summary>The windows at <paramref name="index"/> (int64 [B]).</summary>
    public (NeuralBatch Batch, Tensor Target) Gather(Tensor index) =>
        (new NeuralBatch(Past.index_select(0, index), Future.index_select(0, index), Static.index_select(0, index), Categories.index_select(0, index)),
         Target.index_select(0, index));

    /// <summary>Windows <c>[from, to)</c>, without copying.</summary>
    public (NeuralBatch Batch, Tensor Target) Slice(long from, long to) =>
        (new NeuralBatch(Past.narrow(0, from, to - from), Future.narrow(0, from, to - from), Static.narrow(0, from, to - from),
            Categories.narrow(0, from, to - from)), Target.narrow(0, from, to - from));

    public void Dispose()
    {
        Past.Dispose();
        Future.Dispose();
        Static.Dispose();
        Categories.Dispose();
        Target.Dispose();
    }
}
