using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural.Networks;

/// <summary>
/// LSTM or GRU encoder over the past steps (batch first, stacked, optionally bidirectional, dropout between layers); the
/// top layer's final hidden state (both directions concatenated) joined with the context (future covariates, statics,
/// embeddings) goes through the <see cref="DenseHead"/>. Parameter names follow PyTorch (<c>encoder.weight_ih_l0</c>, ...).
/// LSTM: <c>i,f,g,o = σ,σ,tanh,σ(W_i x + b_i + W_h h + b_h)</c>, <c>c' = f⊙c + i⊙g</c>, <c>h' = o⊙tanh(c')</c>;
/// GRU: <c>r,z = σ(...)</c>, <c>n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn))</c>, <c>h' = (1−z)⊙n + z⊙h</c> (PyTorch's definitions).
/// </summary>
public sealed class RecurrentNetwork : NeuralNetwork
{
    private readonly nn.Module encoder;
    private readonly ModuleList<Embedding> embeddings;
    private readonly DenseHead head;
    private readonly bool lstm;
    private readonly int directions;

    public RecurrentNetwork(NetworkShape shape) : base(nameof(RecurrentNetwork))
    {
        var o = shape.Options;
        lstm = o.Architecture != Architecture.Gru;
        directions = o.Bidirectional ? 2 : 1;
        var dropout = o.Layers > 1 ? o.Dropout : 0;
        encoder = lstm
            ? nn.LSTM(shape.PastFeatures, o.Hidden, o.Layers, batchFirst: true, dropout: dropout, bidirectional: o.Bidirectional)
            : nn.GRU(shape.PastFeatures, o.Hidden, o.Layers, batchFirst: true, dropout: dropout, bidirectional: o.Bidirectional);
        embeddings = Embeddings(shape);
        head = new DenseHead(directions * o.Hidden + shape.ContextFeatures, o.HeadHidden, shape.Horizon, o.Dropout);
        RegisterComponents();
    }

    /// <summary>Runs the encoder: its output [B, L, D·hidden], final hidden states [layers·D, B, hidden] and, for an LSTM, cell states.</summary>
    public (Tensor Output, Tensor Hidden, Tensor? Cell) Encode(Tensor past)
    {
        if (lstm)
        {
            var (output, h, c) = ((LSTM)encoder).call(past, null);
            return (output, h, c);
        }
        var (o, hn) = ((GRU)encoder).call(past, null);
        return (o, hn, null);
    }

    public override Tensor forward(NeuralBatch batch)
    {
        var (_, h, _) = Encode(batch.Past);
        // top layer: the last `directions` rows of h_n (forward, then backward)
        var top = directions == 1 ? h[-1] : cat([h[-2], h[-1]], 1);
        return head.call(cat([top, Context(batch, embeddings)], 1));
    }
}
