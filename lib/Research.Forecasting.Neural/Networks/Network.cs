namespace Research.Forecasting.Neural.Networks;

/// <summary>The built-in networks by architecture.</summary>
public static class Network
{
    /// <summary>The options' custom factory if any, else the built-in network of <see cref="NeuralOptions.Architecture"/>.</summary>
    public static NeuralNetwork Create(NetworkShape shape) =>
        shape.Options.Network is { } custom ? custom(shape)
        : shape.Options.Architecture == Architecture.Mlp ? new MlpNetwork(shape)
        : new RecurrentNetwork(shape);
}
