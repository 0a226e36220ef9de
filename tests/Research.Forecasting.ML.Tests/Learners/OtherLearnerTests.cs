using Research.Forecasting.ML.Learners;
using Research.Forecasting.ML.Linear;
using Research.Forecasting.ML.Tests.Support;
using Research.Forecasting.Models;

namespace Research.Forecasting.ML.Tests.Learners;

public sealed class OtherLearnerTests
{
    private static readonly LearnerContext Two = new(Seed: 11, Threads: 2);

    private static (Forecasting.Features.FeatureMatrix Train, Forecasting.Features.FeatureMatrix Test) Linear(double noise)
    {
        var r = new Random(9);
        var n = 2000;
        var x = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray()).ToArray();
        var y = Enumerable.Range(0, n).Select(i => 1 + 2 * x[0][i] - 3 * x[1][i] + noise * SyntheticPanels.Gaussian(r)).ToArray();
        var m = Matrices.Of(x, y);
        return (m.Where(i => i < 1500), m.Where(i => i >= 1500));
    }

    private static double Rmse(float[] p, ReadOnlySpan<float> y)
    {
        double s = 0;
        for (var i = 0; i < p.Length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
        return Math.Sqrt(s / p.Length);
    }

    [Fact]
    public void Sdca_recovers_a_linear_law()
    {
        var (train, test) = Linear(0.01);
        var model = new SdcaLearner().Train(train, null, Two);
        var rmse = Rmse(model.Predict(test), test.Labels);
        Assert.True(rmse < 0.05, $"RMSE {rmse}");
        Assert.True(model.Importance[1] > model.Importance[0], "|weight| of x1 (−3) above x0 (2)");
        Assert.Equal(model.Predict(test), new SdcaLearner().Train(train, null, Two).Predict(test));
    }

    [Fact]
    public void FastTree_learns_the_law_deterministically_and_early_stops_on_a_later_window()
    {
        var (train, test) = Linear(0.05);
        var learner = new FastTreeLearner { Trees = 200, Leaves = 15, MinLeafCount = 10 };
        var a = learner.Train(train, null, Two);
        Assert.True(Rmse(a.Predict(test), test.Labels) < 0.15);
        Assert.Equal(a.Predict(test), learner.Train(train, null, Two).Predict(test));
        var stopped = (learner with { Trees = 2000, LearningRate = 0.4 }).Train(train, test, Two);
        Assert.InRange(stopped.Iterations, 1, 1999);
    }

    [Fact]
    public void FastTree_Tweedie_predicts_positive_values()
    {
        var r = new Random(2);
        var x = Enumerable.Range(0, 1000).Select(_ => r.NextDouble()).ToArray();
        var y = x.Select(v => Math.Round(Math.Exp(1 + v) * (0.5 + r.NextDouble()))).ToArray();
        var m = Matrices.Of([x], y);
        var p = new FastTreeLearner { Loss = FastTreeLoss.Tweedie, Trees = 100, Leaves = 7, MinLeafCount = 20 }.Train(m, null, Two).Predict(m);
        Assert.All(p, v => Assert.True(v > 0));
        Assert.InRange(p.Average(), 0.8 * y.Average(), 1.2 * y.Average());
    }

    [Fact]
    public void Log_log_regression_recovers_the_price_elasticity_and_the_deal_effect()
    {
        // log y = 5 − 1.7·log(price) + 0.4·deal exactly
        var r = new Random(4);
        var n = 60;
        var price = Enumerable.Range(0, n + 3).Select(_ => 1.5 + r.NextDouble()).ToArray();
        var deal = Enumerable.Range(0, n + 3).Select(_ => r.NextDouble() < 0.2 ? 1.0 : 0.0).ToArray();
        double LogY(int t) => 5 - 1.7 * Math.Log(price[t]) + 0.4 * deal[t];
        var x = new double[n * 2];
        for (var t = 0; t < n; t++) (x[2 * t], x[2 * t + 1]) = (deal[t], price[t]);
        var data = new SeriesData([.. Enumerable.Range(0, n).Select(LogY)], x, 2, "s");
        var future = new double[6];
        for (var h = 0; h < 3; h++) (future[2 * h], future[2 * h + 1]) = (deal[n + h], price[n + h]);
        var f = new LogLogRegression { Ridge = 0 }.Fit(data).Forecast(data, future, 3);
        for (var h = 0; h < 3; h++) Assert.Equal(LogY(n + h), f.Mean[h], 8);
        // the default ridge penalty (1e-6 of each column's mean square) moves it in the fifth digit at most
        var ridged = new LogLogRegression().Fit(data).Forecast(data, future, 3);
        for (var h = 0; h < 3; h++) Assert.Equal(LogY(n + h), ridged.Mean[h], 4);
    }
}
