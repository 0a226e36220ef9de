using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Features;
using Research.Forecasting.ML.AutoML;
using Research.Forecasting.ML.Tests.Support;
using Research.Forecasting.Models;

namespace Research.Forecasting.ML.Tests.AutoML;

public sealed class ExperimentTests
{
    private static readonly BacktestOptions Test = new() { Horizon = 2, Gap = 2, Step = 2, Rounds = 3, End = 80, ObservedColumn = "observed" };

    private static FeatureOptions Features => new()
    {
        Transform = TargetTransform.Log,
        ObservedColumn = "observed",
        Families = [new LagFeatures { Count = 4 }, new RollingFeatures { Windows = [4, 8] }, new CovariateFeatures { Columns = ["price", "deal"] }, new StaticFeatures()],
    };

    [Theory]
    [InlineData(2, 1, 1, 1, 100)]
    [InlineData(2, 2, 2, 10, 156)]
    [InlineData(7, 1, 7, 4, 900)]
    [InlineData(3, 5, 1, 6, 60)]
    public void Validation_windows_end_at_the_first_test_cutoff(int horizon, int gap, int step, int rounds, long end)
    {
        var test = new BacktestOptions { Horizon = horizon, Gap = gap, Step = step, Rounds = rounds, End = end };
        foreach (var v in new[] { 1, 2, 4 })
        {
            var validation = ValidationProtocol.Before(test, v);
            var firstTestPeriod = test.Cutoff(1) + test.Gap;
            for (var r = 1; r <= validation.Rounds; r++)
            {
                var last = validation.Cutoff(r) + validation.Gap + validation.Horizon - 1;
                Assert.True(last <= test.Cutoff(1), $"validation round {r} ends at {last}, after the first test cutoff {test.Cutoff(1)}");
                Assert.True(last < firstTestPeriod);
            }
            Assert.Equal(test.Cutoff(1), validation.End);
            ValidationProtocol.CheckBefore(validation, test);
        }
        var overlapping = test with { End = test.Cutoff(1) + 1, Rounds = 1 };
        Assert.Throws<ArgumentException>(() => ValidationProtocol.CheckBefore(overlapping, test));
    }

    /// <summary>A forecaster that records the last period of every panel it is given.</summary>
    private sealed class Spy(IForecaster inner, List<long> seen) : IForecaster
    {
        public string Name => inner.Name;

        public IForecastModel Fit(SeriesPanel train, FitContext context)
        {
            lock (seen) seen.Add(train.MaxTime);
            return new Model(inner.Fit(train, context), seen);
        }

        private sealed class Model(IForecastModel inner, List<long> seen) : IForecastModel
        {
            public PanelForecast Forecast(SeriesPanel history, SeriesPanel future, int steps, IReadOnlyList<double>? levels = null)
            {
                lock (seen)
                {
                    seen.Add(history.MaxTime);
                    seen.Add(future.MaxTime);
                }
                return inner.Forecast(history, future, steps, levels);
            }
        }
    }

    [Fact]
    public void No_trial_sees_a_period_after_the_first_test_cutoff()
    {
        var panel = SyntheticPanels.Demand();
        var seen = new List<long>();
        var spaces = ModelSpaces.Default(Features, threads: 2);
        var spied = new ModelSpaces([.. spaces.Spaces.Select(s => new ModelSpace(s, (c, label) => new Spy(spaces.Build(c, label), seen), spaces.Cost))]);
        var result = new ForecastExperiment(panel, Test).SetSearchSpace(spied).SetMaxTrials(4).SetTrainingTimeInSeconds(0).SetValidationRounds(2)
            .SetContext(new FitContext(Seed: 1, Parallelism: 2)).Run();
        Assert.Equal(4, result.Trials.Count);
        Assert.NotEmpty(seen);
        Assert.True(seen.Max() <= Test.Cutoff(1), $"a trial saw period {seen.Max()}; the first test cutoff is {Test.Cutoff(1)}");
        Assert.Equal(Test.Cutoff(1), seen.Max()); // the last validation window ends there
    }

    [Fact]
    public void The_same_seed_gives_the_same_leaderboard_and_forecasts()
    {
        var panel = SyntheticPanels.Demand(stores: 4);
        (string Board, double[] Forecasts) Run(int seed)
        {
            var automl = new AutoMLForecaster(Features) { MaxTrials = 6, BudgetSeconds = 0, ValidationRounds = 2 };
            var searched = (SearchedForecaster)automl.Search(panel, Test, new FitContext(Seed: seed, Parallelism: 2));
            var table = Backtester.Run(panel, [searched], Test, new FitContext(Seed: seed, Parallelism: 2)).Table;
            return (searched.Experiment.Csv(seconds: false), table.Forecast("automl").ToArray());
        }
        var a = Run(5);
        var b = Run(5);
        Assert.Equal(a.Board, b.Board);
        Assert.Equal(a.Forecasts, b.Forecasts);
        Assert.Equal(7, a.Board.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header and six trials
        Assert.NotEqual(a.Board, Run(6).Board);
    }

    [Fact]
    public void The_search_improves_on_its_first_trial_and_the_best_model_is_accurate()
    {
        var panel = SyntheticPanels.Demand();
        var experiment = new ForecastExperiment(panel, Test).SetFeatures(Features).SetMaxTrials(10).SetTrainingTimeInSeconds(0).SetValidationRounds(2)
            .SetContext(new FitContext(Seed: 2, Parallelism: 2));
        var result = experiment.Run();
        Assert.Equal(["lgbm", "fasttree", "linear"], result.Trials.Take(3).Select(t => t.Configuration.Family));
        Assert.True(result.Best.Score <= result.Trials.Min(t => t.Score));
        Assert.True(result.BestSoFar[^1] < 15, $"best validation MAPE {result.BestSoFar[^1]}");
        Assert.Equal(result.BestSoFar.Min(), result.Best.Score);
        var test = Backtester.Run(panel, [experiment.Best(result)], Test, new FitContext(Seed: 2, Parallelism: 2)).Table.Overall().Single();
        Assert.True(test.Metrics.Mape < 15, $"test MAPE {test.Metrics.Mape}");
        Assert.Equal("trial limit (10)", result.StoppedBecause);
    }

    [Fact]
    public void A_time_budget_stops_the_search()
    {
        var panel = SyntheticPanels.Demand(stores: 2);
        var result = new ForecastExperiment(panel, Test).SetFeatures(Features).SetTrainingTimeInSeconds(0.001).SetValidationRounds(1).Run();
        Assert.Single(result.Trials);
        Assert.StartsWith("time budget", result.StoppedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trial_limited_search_is_kept_in_the_cache_and_another_user_reads_its_choice_and_test_column()
    {
        var dir = Directory.CreateTempSubdirectory("research-automl-cache-").FullName;
        try
        {
            var panel = SyntheticPanels.Demand(stores: 3);
            var context = new FitContext(Seed: 3, Parallelism: 2);
            var automl = new AutoMLForecaster(Features) { MaxTrials = 4, BudgetSeconds = 0, ValidationRounds = 2 };
            var trials = 0;
            var counting = automl with { TrialDone = _ => trials++ };

            // as notebook 04: the search, then its best configuration backtested through the cache
            var experiment = counting.Experiment(panel, Test, context, new BacktestCache(dir));
            var search = experiment.Run(_ => trials++);
            Assert.Equal(4, trials);
            var best = experiment.Best(search);
            var first = new BacktestCache(dir).Run(panel, [best], Test, context);

            // as notebook 06: the searching model itself; neither the search nor the test rounds run again
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var second = new BacktestCache(dir).Run(panel, [counting], Test, context);
            Assert.Equal(4, trials);
            Assert.Equal(first.Table.Forecast("automl").ToArray(), second.Table.Forecast("automl").ToArray());
            Assert.Equal(first.Timings.Single().FitSeconds, second.Timings.Single().FitSeconds); // read, as measured then

            // the same trials come back, and the search without a cache gives the same choice and forecasts
            var again = counting.Experiment(panel, Test, context, new BacktestCache(dir)).Run(_ => trials++);
            Assert.Equal(4, trials);
            Assert.Equal(search.Csv(), again.Csv());
            var direct = Backtester.Run(panel, [automl.Search(panel, Test, context)], Test, context);
            Assert.Equal(direct.Table.Forecast("automl").ToArray(), second.Table.Forecast("automl").ToArray());

            // another seed is another search
            var other = new BacktestCache(dir).Run(panel, [counting], Test, context with { Seed = 4 });
            Assert.Equal(8, trials);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
