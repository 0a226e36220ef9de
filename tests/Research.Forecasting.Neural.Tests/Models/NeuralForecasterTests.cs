using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;
using Research.Forecasting.Neural.Networks;
using Research.Forecasting.Neural.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural.Tests.Models;

public class NeuralForecasterTests
{
    /// <summary>A small, quick configuration over 12 OJ series (log units, deal/feat/price, embeddings, statics, season).</summary>
    private static NeuralOptions Small(Architecture a) => new()
    {
        Name = a.ToString().ToLowerInvariant(),
        Architecture = a,
        InputLength = 8,
        Horizon = 3,
        Hidden = 8,
        HeadHidden = 4,
        Dropout = 0.1,
        Transform = TargetTransform.Log,
        Dynamic = ["deal", "feat", "price"],
        SeasonLength = 52,
        AllStatic = true,
        KeyEmbeddingSize = 2,
        Loss = Loss.Mape,
        ClipNorm = 1,
        WeightDecay = 1e-4,
        BatchSize = 64,
        MaxEpochs = 3,
        Patience = 2,
        ValidationLength = 4,
        Threads = 1,
    };

    private static readonly SeriesPanel Oj = Panels.OrangeJuiceSlice(12);

    private static double[] Forecasts(IForecastModel model, SeriesPanel panel, long cutoff, int steps = 3)
    {
        var f = model.Forecast(panel.Until(cutoff), panel.Between(cutoff + 1, cutoff + steps), steps);
        Assert.Equal(0, f.Failures);
        return [.. Enumerable.Range(0, f.SeriesCount).SelectMany(i => f[i]!.Mean)];
    }

    [Theory]
    [InlineData(Architecture.Lstm)]
    [InlineData(Architecture.Gru)]
    [InlineData(Architecture.Mlp)]
    public void Same_seed_gives_byte_identical_forecasts_and_another_seed_does_not(Architecture a)
    {
        var train = Oj.Until(120);
        var f1 = Forecasts(new NeuralForecaster(Small(a)).Fit(train, new FitContext(Seed: 7)), Oj, 120);
        var f2 = Forecasts(new NeuralForecaster(Small(a)).Fit(train, new FitContext(Seed: 7)), Oj, 120);
        var f3 = Forecasts(new NeuralForecaster(Small(a)).Fit(train, new FitContext(Seed: 8)), Oj, 120);
        Assert.Equal(f1.Select(BitConverter.DoubleToInt64Bits), f2.Select(BitConverter.DoubleToInt64Bits));
        Assert.NotEqual(f1, f3);
        Assert.All(f1, v => Assert.True(double.IsFinite(v) && v > 0));
    }

    [Fact]
    public void A_saved_model_loads_with_its_configuration_and_data_hash_and_forecasts_the_same()
    {
        var train = Oj.Until(120);
        var model = new NeuralForecaster(Small(Architecture.Lstm)).FitModel(train, new FitContext(Seed: 3));
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, "lstm.model");
        model.Save(path);
        var loaded = NeuralModel.Load(path, expectedDataHash: NeuralForecaster.DataHash(train, model.Options));
        Assert.Equal(model.DataHash, loaded.DataHash);
        Assert.Equal(model.Options with { Network = null }, loaded.Options with { Network = null }, new OptionsComparer());
        Assert.Equal(model.History.BestEpoch, loaded.History.BestEpoch);
        Assert.Equal(Forecasts(model, Oj, 120).Select(BitConverter.DoubleToInt64Bits), Forecasts(loaded, Oj, 120).Select(BitConverter.DoubleToInt64Bits));

        var other = NeuralForecaster.DataHash(Oj.Until(119), model.Options);
        Assert.NotEqual(model.DataHash, other);
        var e = Assert.Throws<InvalidDataException>(() => NeuralModel.Load(path, expectedDataHash: other));
        Assert.Contains(model.DataHash, e.Message);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_validation_epoch_and_the_history_records_every_epoch()
    {
        var o = Small(Architecture.Mlp) with { MaxEpochs = 12, Patience = 2, LearningRate = 0.05 };
        var model = new NeuralForecaster(o).FitModel(Oj.Until(120), new FitContext(Seed: 1));
        var h = model.History;
        Assert.InRange(h.Epochs.Count, 1, 12);
        var best = h.Epochs.MinBy(e => e.ValidationLoss)!;
        Assert.Equal(best.Epoch, h.BestEpoch);
        if (h.Epochs.Count < 12) Assert.Equal(h.BestEpoch + 2, h.Epochs.Count); // stopped after `Patience` epochs without improvement
        // 12 series x 4 validation periods: targets weeks 117..120, 3 steps: 2 windows per series
        Assert.Equal(24, h.ValidationWindows);
        // the restored weights are the best epoch's: they score its validation loss again
        using var validation = Validation(model);
        Assert.Equal(best.ValidationLoss, Training.Trainer.Evaluate(model.Network, validation, Loss.Mape, TargetTransform.Log), 5);
    }

    [Fact]
    public void A_network_defined_by_the_researcher_trains_with_the_same_trainer()
    {
        // a linear model of the last input and the known promotion: learns y_{t+1} = y_t + 1 + 5 (promo_{t+1} - promo_t)
        var panel = Panels.Linear(4, 60);
        var o = new NeuralOptions
        {
            Name = "linear",
            InputLength = 1,
            Horizon = 1,
            Scaling = Scaling.Standard,
            Dynamic = ["promo"],
            Loss = Loss.Mse,
            LearningRate = 0.05,
            BatchSize = 32,
            MaxEpochs = 150,
            Patience = 0,
            Threads = 1,
            Network = shape => new LastValueLinear(shape),
            NetworkName = nameof(LastValueLinear),
        };
        var model = new NeuralForecaster(o).FitModel(panel.Until(50), new FitContext(Seed: 5));
        Assert.IsType<LastValueLinear>(model.Network);
        var f = model.Forecast(panel.Until(50), panel.Between(51, 51), 1);
        for (var i = 0; i < 4; i++)
        {
            var expected = 100 + 10 * i + 51 + 5 * (51 % 3 == 0 ? 1 : 0);
            Assert.InRange(f[i]!.Mean[0], expected - 0.5, expected + 0.5);
        }
        Assert.True(model.History.Epochs[^1].TrainLoss < model.History.Epochs[0].TrainLoss / 100);

        using var dir = new TempDir();
        model.Save(Path.Combine(dir.Path, "m"));
        Assert.Throws<ArgumentException>(() => NeuralModel.Load(Path.Combine(dir.Path, "m")));
        var loaded = NeuralModel.Load(Path.Combine(dir.Path, "m"), shape => new LastValueLinear(shape));
        Assert.Equal(f[0]!.Mean[0], loaded.Forecast(panel.Until(50), panel.Between(51, 51), 1)[0]!.Mean[0]);
    }

    [Fact]
    public void The_neural_family_registers_lstm_gru_and_mlp_whose_head_takes_the_steps_the_backtest_asks_for()
    {
        var catalog = ModelCatalog.Core.With(new NeuralModels());
        var setting = new ModelSetting(52, ["deal"], TargetTransform.Log);
        var models = catalog.Build(["lstm", "gru", "mlp"], setting).Cast<NeuralForecaster>().ToArray();
        Assert.Equal([Architecture.Lstm, Architecture.Gru, Architecture.Mlp], models.Select(m => m.Options.Architecture));
        Assert.All(models, m => Assert.Equal(0, m.Options.Horizon));
        // the backtester's fit context carries its gap and horizon: 2 + 2 - 1 = 3 steps
        var context = new FitContext { Gap = 2, Horizon = 2 };
        Assert.All(models, m => Assert.Equal(3, m.Options.ResolveFor(Oj, context).Horizon));
        Assert.All(models, m => Assert.Equal(["deal"], m.Options.Dynamic));
        Assert.All(catalog.Entries.Where(e => e.Name is "lstm" or "gru" or "mlp"), e => Assert.Equal("neural", e.Family));
    }

    [Fact]
    public void Asking_for_more_steps_than_the_head_emits_fails_every_series_with_a_message()
    {
        var model = new NeuralForecaster(Small(Architecture.Mlp) with { MaxEpochs = 1 }).FitModel(Oj.Until(120));
        var f = model.Forecast(Oj.Until(120), Oj.Between(121, 124), 4);
        Assert.Equal(12, f.Failures);
        Assert.Contains("emits 3 steps, 4 were asked for", f.Error(0));
    }

    private static Training.WindowTensors Validation(NeuralModel model) =>
        new(Research.Forecasting.Neural.Data.WindowSet.Cut(Oj.Until(120), model.Encoding, targetsFrom: 117));

    /// <summary>y_hat = W [last scaled target, known step features of the first forecast period] + b.</summary>
    private sealed class LastValueLinear : NeuralNetwork
    {
        private readonly Linear linear;

        public LastValueLinear(NetworkShape shape) : base(nameof(LastValueLinear))
        {
            linear = nn.Linear(shape.PastFeatures + shape.FutureFeatures, shape.Horizon);
            RegisterComponents();
        }

        public override Tensor forward(NeuralBatch batch) =>
            linear.call(cat([batch.Past[.., -1, ..], batch.Future[.., 0, ..]], 1));
    }

    /// <summary>Options compared by value, lists element-wise.</summary>
    private sealed class OptionsComparer : IEqualityComparer<NeuralOptions>
    {
        public bool Equals(NeuralOptions? x, NeuralOptions? y) =>
            x is not null && y is not null
            && (x with { Dynamic = [], Static = [], Embeddings = [] }) == (y with { Dynamic = [], Static = [], Embeddings = [] })
            && x.Dynamic.SequenceEqual(y.Dynamic) && x.Static.SequenceEqual(y.Static) && x.Embeddings.SequenceEqual(y.Embeddings);

        public int GetHashCode(NeuralOptions obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
