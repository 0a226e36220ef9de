using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;

namespace Research.Forecasting.Neural;

/// <summary>
/// The neural family: <c>lstm</c>, <c>gru</c> and <c>mlp</c>, global models over every series with the setting's
/// regressors as known dynamic covariates, the season position, every static covariate and an embedding of every key
/// column. Add with <c>ModelCatalog.Core.With(new NeuralModels())</c>.
/// </summary>
public sealed class NeuralModels : IModelFamily
{
    public string Name => "neural";

    public IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry("lstm", "global LSTM over windows of every series (TorchSharp)", Architecture.Lstm),
        Entry("gru", "global GRU over windows of every series (TorchSharp)", Architecture.Gru),
        Entry("mlp", "global MLP over windows of every series (TorchSharp)", Architecture.Mlp),
    ];

    /// <summary>
    /// The options a catalogued model of <paramref name="architecture"/> uses for <paramref name="s"/>: 12 past steps, a
    /// 32-unit recurrent encoder (128 x 2 for the MLP), a 32-unit head, dropout 0.1, per-series standard scaling of the
    /// transformed target, Adam 2e-3 with weight decay 1e-5, clipping at norm 1, batches of 512, at most 8 epochs with
    /// early stopping (patience 3) on the last 6 periods. The loss is MAPE in the original units when the setting's
    /// transform is the log (positive data), else MAE. Chosen on the last round of the orange-juice protocol.
    /// </summary>
    public static NeuralOptions Defaults(string name, Architecture architecture, ModelSetting s) => new()
    {
        Name = name,
        Architecture = architecture,
        InputLength = 12,
        Hidden = architecture == Architecture.Mlp ? 128 : 32,
        Layers = architecture == Architecture.Mlp ? 2 : 1,
        HeadHidden = 32,
        Dropout = 0.1,
        Transform = s.Transform,
        Scaling = Scaling.Standard,
        Dynamic = s.Regressors,
        SeasonLength = s.SeasonLength,
        AllStatic = true,
        KeyEmbeddingSize = 4,
        Loss = s.Transform == TargetTransform.Log ? Loss.Mape : Loss.Mae,
        LearningRate = 2e-3,
        WeightDecay = 1e-5,
        ClipNorm = 1,
        BatchSize = 512,
        MaxEpochs = 8,
        Patience = 3,
        ValidationLength = 6,
    };

    private static CatalogEntry Entry(string name, string description, Architecture a) =>
        new(name, description, s => new NeuralForecaster(Defaults(name, a, s)))
        {
            Options =
            [
                "regressors: the setting's dynamic covariates, known for the forecast periods",
                "horizon: the steps the backtest asks for (direct multi-step head)",
                "season length of the data (season-position features), every static covariate, key embeddings of size 4",
            ],
        };
}
