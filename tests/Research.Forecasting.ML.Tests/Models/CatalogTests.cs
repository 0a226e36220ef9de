using Research.Forecasting.Backtesting;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Datasets;
using Research.Forecasting.ML.AutoML;
using Research.Forecasting.ML.Tests.Support;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;

namespace Research.Forecasting.ML.Tests.Models;

public sealed class CatalogTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.Core.With(new MachineLearningModels());

    public static TheoryData<string> Names => [.. new MachineLearningModels().Entries.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_model_of_the_family_forecasts_a_panel_through_the_backtester(string name)
    {
        var panel = SyntheticPanels.Demand(stores: 3);
        var setting = new ModelSetting(13, ["deal", "price"], TargetTransform.Log);
        var model = Catalog.Build([name], setting).Single();
        if (model is AutoMLForecaster automl) model = automl with { BudgetSeconds = 0, MaxTrials = 3, ValidationRounds = 1 };
        var options = new BacktestOptions { Horizon = 2, Gap = 2, Step = 2, Rounds = 2, End = 80 };
        var result = Backtester.Run(panel, [model], options, new FitContext(Seed: 1, Parallelism: 2));
        Assert.Empty(result.Failures);
        Assert.Equal(name, result.Table.Models.Single());
        // wiring, not accuracy: the defaults are tuned for the 150,000 rows of orange juice, not these 1,000
        var mape = result.Table.Overall().Single().Metrics.Mape;
        Assert.True(mape < 60, $"{name}: MAPE {mape}");
    }

    [Fact]
    public void The_family_registers_beside_the_core_models()
    {
        Assert.All(["lgbm", "fasttree", "linear", "loglog", "automl", "arima"], n => Assert.True(Catalog.Contains(n), n));
        Assert.Equal("machine learning", Catalog.Entries.Single(e => e.Name == "lgbm").Family);
    }

    [Fact]
    public void On_real_orange_juice_series_lgbm_beats_the_naive_and_mean_forecasts()
    {
        // 120 of the 913 series (the first stores), the last two rounds of the benchmark protocol
        var panel = OrangeJuiceBenchmark.Prepare(OrangeJuice.Load()).Take(120);
        var models = Catalog.Build(["naive", "mean", "lgbm"], OrangeJuiceBenchmark.Setting);
        var scores = Backtester.Run(panel, models, OrangeJuiceBenchmark.Protocol(2), new FitContext(Seed: 42, Parallelism: 2)).Table.Overall()
            .ToDictionary(s => s.Model, s => s.Metrics.Mape);
        // measured 2026-12: naive ≈ 100, mean ≈ 60; a ceiling with room for library updates
        Assert.True(scores["lgbm"] < 0.75 * scores["mean"] && scores["lgbm"] < 50, $"lgbm {scores["lgbm"]}, mean {scores["mean"]}, naive {scores["naive"]}");
    }
}
