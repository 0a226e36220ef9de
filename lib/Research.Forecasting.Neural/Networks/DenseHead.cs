using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural.Networks;

/// <summary>
/// The dense head emitting the whole horizon at once (direct multi-step): <c>output(x)</c>, or with a hidden layer
/// <c>output(dropout(relu(hidden(x))))</c>. Parameter names <c>hidden.*</c>, <c>output.*</c> as in the PyTorch reference.
/// </summary>
public sealed class DenseHead : nn.Module<Tensor, Tensor>
{
    private readonly Linear? hidden;
    private readonly Linear output;
    private readonly Dropout dropout;

    public DenseHead(int inputs, int hiddenUnits, int horizon, double dropoutRate) : base(nameof(DenseHead))
    {
        if (hiddenUnits > 0) hidden = nn.Linear(inputs, hiddenUnits);
        output = nn.Linear(hiddenUnits > 0 ? hiddenUnits : inputs, horizon);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) =>
        hidden is null ? output.call(x) : output.call(dropout.call(nn.functional.relu(hidden.call(x))));
}
