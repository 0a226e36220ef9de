using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural.Networks;

/// <summary>
/// Multilayer perceptron: the flattened past window joined with the context (future covariates, statics, embeddings),
/// then <see cref="NeuralOptions.Layers"/> layers <c>x ← dropout(relu(W x + b))</c> of <see cref="NeuralOptions.Hidden"/>
/// units, then the <see cref="DenseHead"/>. Parameter names <c>layers.0.weight</c>, ..., <c>head.output.weight</c>.
/// </summary>
public sealed class MlpNetwork : NeuralNetwork
{
    private readonly ModuleList<Linear> layers;
    private readonly ModuleList<Embedding> embeddings;
    private readonly Dropout dropout;
    private readonly DenseHead head;

    public MlpNetwork(NetworkShape shape) : base(nameof(MlpNetwork))
    {
        var o = shape.Options;
        var inputs = shape.InputLength * shape.PastFeatures + shape.ContextFeatures;
        layers = nn.ModuleList([.. Enumerable.Range(0, o.Layers).Select(k => nn.Linear(k == 0 ? inputs : o.Hidden, o.Hidden))]);
        embeddings = Embeddings(shape);
        dropout = nn.Dropout(o.Dropout);
        head = new DenseHead(o.Hidden, o.HeadHidden, shape.Horizon, o.Dropout);
        RegisterComponents();
    }

    public override Tensor forward(NeuralBatch batch)
    {
        var x = cat([batch.Past.flatten(1), Context(batch, embeddings)], 1);
        foreach (var layer in layers) x = dropout.call(nn.functional.relu(layer.call(x)));
        return head.call(x);
    }
}
