using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural.Networks;

/// <summary>
/// Base of every network the trainer can fit: a TorchSharp module from a <see cref="NeuralBatch"/> to the [B, H] scaled
/// forecasts. A notebook defines its own by deriving from this (register submodules as fields, call
/// <c>RegisterComponents()</c>) and passes a factory as <see cref="NeuralOptions.Network"/>.
/// </summary>
public abstract class NeuralNetwork(string name) : nn.Module<NeuralBatch, Tensor>(name)
{
    /// <summary>
    /// The context vector [B, ContextFeatures]: the flattened future covariates, the statics and the embeddings of the
    /// categories, in that order (<paramref name="embeddings"/> one per category column).
    /// </summary>
    protected static Tensor Context(NeuralBatch batch, ModuleList<Embedding> embeddings)
    {
        var parts = new List<Tensor> { batch.Future.flatten(1), batch.Static };
        for (var k = 0; k < embeddings.Count; k++) parts.Add(embeddings[k].call(batch.Categories[.., k]));
        return cat(parts, 1);
    }

    /// <summary>One embedding per category column.</summary>
    protected static ModuleList<Embedding> Embeddings(NetworkShape shape) =>
        nn.ModuleList([.. shape.CategoryLevels.Select((levels, k) => nn.Embedding(levels, shape.EmbeddingSizes[k]))]);
}
