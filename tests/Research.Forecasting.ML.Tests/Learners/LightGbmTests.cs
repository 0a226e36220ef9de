using Research.Forecasting.ML.Learners;
using Research.Forecasting.ML.Tests.Support;

namespace Research.Forecasting.ML.Tests.Learners;

public sealed class LightGbmTests
{
    private static readonly LearnerContext Two = new(Seed: 7, Threads: 2);

    /// <summary>y = 3·x0 − 2·x1 + noise, x2 pure noise; 3,000 rows.</summary>
    private static (Forecasting.Features.FeatureMatrix Train, Forecasting.Features.FeatureMatrix Test) Signal(int seed = 3)
    {
        var r = new Random(seed);
        var n = 3000;
        var x = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray()).ToArray();
        var y = Enumerable.Range(0, n).Select(i => 3 * x[0][i] - 2 * x[1][i] + 0.05 * SyntheticPanels.Gaussian(r)).ToArray();
        var m = Matrices.Of(x, y);
        return (m.Where(i => i < 2400), m.Where(i => i >= 2400));
    }

    private static double Rmse(float[] p, ReadOnlySpan<float> y)
    {
        double s = 0;
        for (var i = 0; i < p.Length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
        return Math.Sqrt(s / p.Length);
    }

    [Theory]
    [InlineData(LightGbmEngine.Native)]
    [InlineData(LightGbmEngine.MlNet)]
    public void Learns_a_smooth_signal_and_ranks_the_informative_features_first(LightGbmEngine engine)
    {
        var (train, test) = Signal();
        var model = new LightGbmLearner { Engine = engine, Objective = LightGbmObjective.L2, Iterations = 300, Leaves = 15, MinLeafCount = 20, FeatureFraction = 1, BaggingFraction = 1 }.Train(train, null, Two);
        var rmse = Rmse(model.Predict(test), test.Labels);
        Assert.True(rmse < 0.12, $"test RMSE {rmse} (noise 0.05, label sd about 1)");
        Assert.Equal(300, model.Iterations);
        // the native engine reports total gain; ML.NET its own normalised split gains
        Assert.True(model.Importance[0] > model.Importance[1] && model.Importance[1] > 3 * model.Importance[2],
            $"gain importance {string.Join(", ", model.Importance)}");
    }

    [Theory]
    [InlineData(LightGbmEngine.Native)]
    [InlineData(LightGbmEngine.MlNet)]
    public void Same_seed_and_threads_give_identical_predictions(LightGbmEngine engine)
    {
        var (train, test) = Signal();
        var learner = new LightGbmLearner { Engine = engine, Objective = LightGbmObjective.L2, Iterations = 80, Leaves = 31, MinLeafCount = 10, FeatureFraction = 0.7, BaggingFraction = 0.7 };
        Assert.Equal(learner.Train(train, null, Two).Predict(test), learner.Train(train, null, Two).Predict(test));
    }

    [Fact]
    public void The_native_engine_and_MLNET_s_trainer_agree_on_squared_error()
    {
        // same library, same parameters, no sampling: the two bindings grow nearly the same trees
        var (train, test) = Signal();
        var learner = new LightGbmLearner { Objective = LightGbmObjective.L2, Iterations = 100, Leaves = 15, MinLeafCount = 20, FeatureFraction = 1, BaggingFraction = 1, Categorical = false };
        var native = learner.Train(train, null, Two).Predict(test);
        var mlnet = (learner with { Engine = LightGbmEngine.MlNet }).Train(train, null, Two).Predict(test);
        var gap = Rmse(native, mlnet);
        Assert.True(gap < 0.02, $"RMSE between the engines' predictions {gap}");
    }

    [Theory]
    [InlineData(LightGbmObjective.L2, 25.0)]    // the mean of 0, 0, 0, 100
    [InlineData(LightGbmObjective.L1, 0.0)]     // their median
    public void With_nothing_to_split_on_the_objective_decides_the_constant(LightGbmObjective objective, double expected)
    {
        var y = Enumerable.Range(0, 400).Select(i => i % 4 == 3 ? 100.0 : 0.0).ToArray();
        var m = Matrices.Of([Enumerable.Repeat(1.0, 400).ToArray()], y);
        var p = new LightGbmLearner { Objective = objective, Iterations = 50, MinLeafCount = 5, BaggingFraction = 1, FeatureFraction = 1 }.Train(m, null, Two).Predict(m);
        Assert.All(p, v => Assert.Equal(expected, v, 1));
    }

    [Fact]
    public void Poisson_and_Tweedie_predict_positive_means_on_counts()
    {
        var r = new Random(1);
        var x = Enumerable.Range(0, 2000).Select(_ => r.NextDouble()).ToArray();
        var y = x.Select(v => (double)Poisson(r, Math.Exp(1 + 2 * v))).ToArray();
        var m = Matrices.Of([x], y);
        foreach (var objective in new[] { LightGbmObjective.Poisson, LightGbmObjective.Tweedie })
        {
            var p = new LightGbmLearner { Objective = objective, Iterations = 200, Leaves = 7, MinLeafCount = 50 }.Train(m, null, Two).Predict(m);
            Assert.All(p, v => Assert.True(v > 0));
            // the fitted mean at x near 1 is near exp(3) = 20.1
            var high = Enumerable.Range(0, x.Length).Where(i => x[i] > 0.95).Select(i => (double)p[i]).Average();
            Assert.InRange(high, 16, 24);
        }
    }

    [Fact]
    public void Early_stopping_on_a_later_window_keeps_the_best_iteration()
    {
        var (train, valid) = Signal();
        var model = new LightGbmLearner { Objective = LightGbmObjective.L2, Iterations = 3000, LearningRate = 0.3, Leaves = 63, MinLeafCount = 5, EarlyStoppingRounds = 20 }.Train(train, valid, Two);
        Assert.InRange(model.Iterations, 5, 2980);
    }

    [Fact]
    public void Objectives_other_than_squared_error_need_the_native_engine()
    {
        var (train, _) = Signal();
        var e = Assert.Throws<NotSupportedException>(() => new LightGbmLearner { Engine = LightGbmEngine.MlNet, Objective = LightGbmObjective.Poisson }.Train(train, null, Two));
        Assert.Contains("native", e.Message, StringComparison.Ordinal);
    }

    private static int Poisson(Random r, double mean)
    {
        // Knuth's method (means here are below 25)
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = r.NextDouble();
        while (p > limit)
        {
            k++;
            p *= r.NextDouble();
        }
        return k;
    }
}
