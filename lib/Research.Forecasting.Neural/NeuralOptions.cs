using Research.Forecasting.Models;
using Research.Forecasting.Neural.Networks;

namespace Research.Forecasting.Neural;

/// <summary>The network that reads a window.</summary>
public enum Architecture
{
    /// <summary>Long short-term memory encoder (Hochreiter and Schmidhuber 1997), last hidden state to the head.</summary>
    Lstm,
    /// <summary>Gated recurrent unit encoder (Cho et al. 2014), last hidden state to the head.</summary>
    Gru,
    /// <summary>Multilayer perceptron over the flattened window.</summary>
    Mlp,
}

/// <summary>Per-series scaling of the (transformed) target, fitted on each series' training rows and inverted on output.</summary>
public enum Scaling
{
    None,
    /// <summary><c>(y − mean) / sd</c>.</summary>
    Standard,
    /// <summary><c>(y − median) / IQR</c> (quartiles by linear interpolation, R type 7).</summary>
    Robust,
    /// <summary><c>(y − min) / (max − min)</c>.</summary>
    MinMax,
}

/// <summary>Training loss on the scaled target.</summary>
public enum Loss
{
    /// <summary>Mean absolute error (L1).</summary>
    Mae,
    /// <summary>Mean squared error.</summary>
    Mse,
    /// <summary>
    /// Mean absolute percentage error in the original units: <c>|ŷ − y| / |y|</c> with <c>y = T⁻¹(center + scale·z)</c>
    /// (T the target transform, z the scaled value). The forecast it trains for is lower than the median when errors are
    /// skewed, which is what a MAPE-scored benchmark rewards (the microsoft/forecasting dilated CNN trains on MAPE too).
    /// </summary>
    Mape,
}

/// <summary>
/// Options of the global neural forecaster (<see cref="NeuralForecaster"/>): one network trained on windows cut from every
/// series of a panel. A window ending at time t holds the past <see cref="InputLength"/> steps (scaled target, dynamic
/// covariates, season position) and the next <see cref="Horizon"/> steps' known covariates; the network emits all
/// <see cref="Horizon"/> scaled targets at once (direct multi-step). Immutable; <c>with</c> makes variants.
/// </summary>
public sealed record NeuralOptions
{
    /// <summary>Name in result tables.</summary>
    public string Name { get; init; } = "neural";

    public Architecture Architecture { get; init; } = Architecture.Lstm;

    /// <summary>Past steps the network reads.</summary>
    public int InputLength { get; init; } = 16;

    /// <summary>
    /// Steps the head emits at once (direct multi-step); 0 takes them from the fit's <see cref="FitContext.Steps"/>, the
    /// steps the backtester will ask for (its gap periods and horizon).
    /// </summary>
    public int Horizon { get; init; }

    /// <summary>Hidden units of the encoder (per direction) or of each MLP layer.</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Stacked recurrent layers, or hidden layers of the MLP.</summary>
    public int Layers { get; init; } = 1;

    public bool Bidirectional { get; init; }

    /// <summary>Dropout between stacked layers and in the head (0 = none).</summary>
    public double Dropout { get; init; }

    /// <summary>Hidden units of the dense head (0 = one linear layer from the encoding to the horizon).</summary>
    public int HeadHidden { get; init; }

    public Scaling Scaling { get; init; } = Scaling.Standard;

    /// <summary>Transform of the target before scaling, undone on the forecasts.</summary>
    public TargetTransform Transform { get; init; }

    /// <summary>Dynamic covariates (panel column names), known in advance for the forecast periods; standardised over the training rows.</summary>
    public IReadOnlyList<string> Dynamic { get; init; } = [];

    /// <summary>Also feed the dynamic covariates of the forecast periods to the head (they are known in advance).</summary>
    public bool KnownFuture { get; init; } = true;

    /// <summary>Season length for the season-position features <c>sin(2πt/m), cos(2πt/m)</c> (0 or 1 = none).</summary>
    public int SeasonLength { get; init; }

    /// <summary>Static numeric covariates (panel column names), standardised across series.</summary>
    public IReadOnlyList<string> Static { get; init; } = [];

    /// <summary>Every static covariate of the training panel (in addition to <see cref="Static"/>).</summary>
    public bool AllStatic { get; init; }

    /// <summary>Key columns (e.g. <c>store</c>, <c>brand</c>) given learned embeddings, with their sizes.</summary>
    public IReadOnlyList<EmbeddingSpec> Embeddings { get; init; } = [];

    /// <summary>Embedding size given to every key column of the panel not listed in <see cref="Embeddings"/> (0 = none).</summary>
    public int KeyEmbeddingSize { get; init; }

    public Loss Loss { get; init; } = Loss.Mae;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>L2 penalty added to the gradient by Adam (<c>torch.optim.Adam(weight_decay=...)</c>).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Clip the gradients' global L2 norm to this (0 = no clipping).</summary>
    public double ClipNorm { get; init; }

    public int BatchSize { get; init; } = 256;

    public int MaxEpochs { get; init; } = 30;

    /// <summary>Stop after this many epochs without a better validation loss (0 = never stop early); the best epoch's weights are kept.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>
    /// Last periods of the training data whose targets form the validation windows (time-ordered: training windows'
    /// targets end before them). 0 = no validation, train <see cref="MaxEpochs"/> epochs.
    /// </summary>
    public int ValidationLength { get; init; }

    /// <summary>Threads libtorch may use (0 = the fit context's parallelism). A fixed count makes runs reproducible.</summary>
    public int Threads { get; init; }

    /// <summary>Builds the network; null = the built-in one for <see cref="Architecture"/>. Plug a notebook-defined module in here.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Func<NetworkShape, NeuralNetwork>? Network { get; init; }

    /// <summary>Name of the custom <see cref="Network"/>, recorded when saving (a loaded model needs the same factory).</summary>
    public string? NetworkName { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the option at fault.</summary>
    public void Validate()
    {
        Require(InputLength >= 1, nameof(InputLength), InputLength, "at least 1");
        Require(Horizon >= 0, nameof(Horizon), Horizon, "0 (the fit context's steps) or more");
        Require(Hidden >= 1, nameof(Hidden), Hidden, "at least 1");
        Require(Layers >= 1, nameof(Layers), Layers, "at least 1");
        Require(Dropout is >= 0 and < 1, nameof(Dropout), Dropout, "in [0, 1)");
        Require(HeadHidden >= 0, nameof(HeadHidden), HeadHidden, "non-negative");
        Require(LearningRate > 0, nameof(LearningRate), LearningRate, "positive");
        Require(WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "non-negative");
        Require(ClipNorm >= 0, nameof(ClipNorm), ClipNorm, "non-negative");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(MaxEpochs >= 1, nameof(MaxEpochs), MaxEpochs, "at least 1");
        Require(Patience >= 0, nameof(Patience), Patience, "non-negative");
        Require(ValidationLength >= 0, nameof(ValidationLength), ValidationLength, "non-negative");
        Require(Threads >= 0, nameof(Threads), Threads, "non-negative");
        Require(KeyEmbeddingSize >= 0, nameof(KeyEmbeddingSize), KeyEmbeddingSize, "non-negative");
        foreach (var e in Embeddings) Require(e.Size >= 1, nameof(Embeddings), e.Size, $"embedding of '{e.Column}': size at least 1");
    }

    /// <summary>
    /// The options with the panel-dependent choices made explicit (<see cref="AllStatic"/>, <see cref="KeyEmbeddingSize"/>),
    /// as recorded in a trained model.
    /// </summary>
    public NeuralOptions ResolveFor(Research.Forecasting.Data.SeriesPanel panel, FitContext? context = null)
    {
        var horizon = Horizon > 0 ? Horizon : context is { Steps: > 0 } ? context.Steps : 1;
        var statics = AllStatic ? [.. Static.Union(panel.StaticColumns.Select(c => c.Name), StringComparer.Ordinal)] : Static;
        var embeddings = KeyEmbeddingSize > 0
            ? [.. Embeddings, .. panel.KeyNames.Where(k => Embeddings.All(e => e.Column != k)).Select(k => new EmbeddingSpec(k, KeyEmbeddingSize))]
            : Embeddings;
        return this with { Horizon = horizon, Static = statics, AllStatic = false, Embeddings = embeddings, KeyEmbeddingSize = 0 };
    }

    private static void Require(bool ok, string name, object value, string what)
    {
        if (!ok) throw new ArgumentException($"{name} must be {what}, got {value}", name);
    }
}

/// <summary>A learned embedding of a key column's levels (unseen levels share index 0).</summary>
/// <param name="Column">Key column name, e.g. <c>store</c>.</param>
/// <param name="Size">Embedding dimension.</param>
public sealed record EmbeddingSpec(string Column, int Size);
