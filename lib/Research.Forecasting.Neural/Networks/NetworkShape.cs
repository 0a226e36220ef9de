namespace Research.Forecasting.Neural.Networks;

/// <summary>The sizes a network is built for, derived from the options and the training panel.</summary>
/// <param name="InputLength">L, past steps.</param>
/// <param name="PastFeatures">F, features per past step.</param>
/// <param name="Horizon">H, outputs.</param>
/// <param name="FutureFeatures">C, known features per forecast step (0 when the future is not fed).</param>
/// <param name="StaticFeatures">S.</param>
/// <param name="CategoryLevels">Levels of each embedded column, index 0 (unseen) included.</param>
/// <param name="Options">The forecaster's options (hidden size, layers, dropout, ...).</param>
public sealed record NetworkShape(int InputLength, int PastFeatures, int Horizon, int FutureFeatures, int StaticFeatures,
    IReadOnlyList<int> CategoryLevels, NeuralOptions Options)
{
    /// <summary>Embedding sizes, one per embedded column.</summary>
    public IReadOnlyList<int> EmbeddingSizes => [.. Options.Embeddings.Select(e => e.Size)];

    /// <summary>Width of the non-sequential context: the flattened future, the statics and the embeddings.</summary>
    public int ContextFeatures => Horizon * FutureFeatures + StaticFeatures + EmbeddingSizes.Sum();
}
