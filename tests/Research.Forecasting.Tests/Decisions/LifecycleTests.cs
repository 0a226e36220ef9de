using Research.Forecasting.Data;
using Research.Forecasting.Decisions.Lifecycle;
using Research.Forecasting.Features;
using Research.Forecasting.Models;

namespace Research.Forecasting.Tests.Decisions;

public sealed class LifecycleTests
{
    // Five periods without sales, then a logistic rise K / (1 + exp(−(t − c)/s)) up to the peak period Tp, then an
    // exponential decay y_Tp · exp(−λ (t − Tp)). With no smoothing (Window 1) the stages follow in closed form:
    // - introduction: the first I periods from the first sale (t = 5 .. 5 + I − 1);
    // - growth while y_t / y_(t−L) − 1 ≥ θ; with u = exp(−(t − c)/s) that is u (e^(L/s) − 1 − θ) ≥ θ, i.e.
    //   t ≤ c − s · ln(θ / (e^(L/s) − 1 − θ)) (on the logistic part, where growth falls with t);
    // - decline once y_t / y_Tp = exp(−λ (t − Tp)) < δ, i.e. t > Tp + ln(1/δ)/λ;
    // - maturity in between.
    private const double K = 100, C = 30, S = 4, Lambda = 0.05;
    private const int Start = 5, Tp = 50, Length = 80;

    private static double[] Curve()
    {
        double Logistic(double t) => K / (1 + Math.Exp(-(t - C) / S));
        var y = new double[Length];
        for (var t = Start; t < Length; t++) y[t] = t <= Tp ? Logistic(t) : Logistic(Tp) * Math.Exp(-Lambda * (t - Tp));
        return y;
    }

    [Theory]
    [InlineData(4, 0.2, 0.5, 8)]
    [InlineData(2, 0.1, 0.7, 6)]
    [InlineData(4, 0.5, 0.3, 10)]
    public void ALogisticRiseThenDecayGoesThroughTheFourStagesAtTheAnalyticPeriods(int lag, double theta, double delta, int intro)
    {
        var options = new LifecycleOptions { Window = 1, GrowthLag = lag, GrowthRate = theta, DeclineLevel = delta, IntroductionPeriods = intro };
        var curve = options.Classify(Curve());
        var lastGrowth = (int)Math.Floor(C - S * Math.Log(theta / (Math.Exp(lag / S) - 1 - theta)));
        var firstDecline = (int)Math.Floor(Tp + Math.Log(1 / delta) / Lambda) + 1;
        Assert.True(Start + intro <= lastGrowth && lastGrowth < Tp && firstDecline < Length, "the case must show every stage");
        for (var t = 0; t < Length; t++)
        {
            LifecycleStage? expected = t < Start ? null
                : t < Start + intro ? LifecycleStage.Introduction
                : t <= lastGrowth ? LifecycleStage.Growth
                : t < firstDecline ? LifecycleStage.Maturity
                : LifecycleStage.Decline;
            Assert.True(expected == curve.Stages[t], $"period {t}: expected {expected}, got {curve.Stages[t]} (growth {curve.Growth[t]}, level {curve.Level[t]})");
        }
        Assert.True(curve.LaunchObserved);
        Assert.Equal(Math.Exp(-Lambda * (Length - 1 - Tp)), curve.Level[^1], 12);
    }

    [Fact]
    public void AStageUsesOnlyTheDataUpToItsPeriod()
    {
        var y = Curve();
        var rng = new Random(5);
        for (var t = 0; t < y.Length; t++) y[t] *= 0.7 + 0.6 * rng.NextDouble();
        var options = new LifecycleOptions();
        var full = options.Classify(y);
        for (var end = 1; end <= y.Length; end++)
        {
            var prefix = options.Classify(y.AsSpan(0, end));
            Assert.Equal(full.Stages[end - 1], prefix.Stages[end - 1]);
            Assert.Equal(full.Level[end - 1], prefix.Level[end - 1]);
            Assert.Equal(full.Growth[end - 1], prefix.Growth[end - 1]);
        }
    }

    [Fact]
    public void TheSmoothingIsATrailingMeanOfTheObservedValuesAndASeriesSellingFromItsFirstPeriodHasNoIntroduction()
    {
        double[] y = [4, 8, double.NaN, 2, 10, 10, 10, 10];
        var curve = new LifecycleOptions { Window = 3, GrowthLag = 2, GrowthRate = 0.2 }.Classify(y);
        Assert.Equal(new[] { 4, 6, 6, 5, 6, 22 / 3.0, 10, 10 }, curve.Smoothed, new ToleranceComparer(1e-12));
        Assert.False(curve.LaunchObserved);
        Assert.Equal(new[] { 4, 6, 6, 6, 6, 22 / 3.0, 10, 10 }, curve.Peak, new ToleranceComparer(1e-12));
        // growth: s4/s2 − 1 = 0, s5/s3 − 1 = 22/15 − 1, s6/s4 − 1 = 2/3; level s3/P3 = 5/6
        Assert.Equal(0, curve.Growth[4], 12);
        Assert.Equal(LifecycleStage.Growth, curve.Stages[5]);
        Assert.Equal(LifecycleStage.Maturity, curve.Stages[3]);
        Assert.Equal(LifecycleStage.Growth, curve.Stages[7]); // s7/s5 − 1 = 30/22 − 1 = 4/11
        Assert.Equal(4 / 11.0, curve.Growth[7], 12);
        Assert.DoesNotContain(LifecycleStage.Introduction, curve.Stages.Select(s => s!.Value));
        Assert.Equal(5 / 6.0, curve.Level[3], 12);
        // a launch is in the data only when an observed period without a sale precedes the first sale
        Assert.False(new LifecycleOptions().Classify([double.NaN, double.NaN, 5, 6]).LaunchObserved);
        Assert.True(new LifecycleOptions().Classify([double.NaN, 0, 5, 6]).LaunchObserved);
    }

    [Fact]
    public void ThePanelTimelineSkipsFilledPeriodsAndTheChartHasOneRowPerSeries()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "units", [new ColumnInfo("observed")]);
        var y = Curve();
        b.Add(["a"], [.. Enumerable.Range(1, Length).Select(t => (long)t)], y, [[.. y.Select(_ => 1.0)]]);
        var filled = y.Select((v, t) => t == 60 ? 1e6 : v).ToArray();
        b.Add(["b"], [.. Enumerable.Range(1, Length).Select(t => (long)t)], filled, [[.. filled.Select((_, t) => t == 60 ? 0.0 : 1.0)]]);
        var panel = b.Build();
        var options = new LifecycleOptions { Window = 1 };
        var timeline = LifecycleTimeline.Of(panel, options, observedColumn: "observed");
        // series b's week 61 (index 60) was filled in: skipped, so its peak is the logistic's, as for series a
        Assert.Equal(timeline.Curves[0].Peak[^1], timeline.Curves[1].Peak[^1]);
        Assert.Equal(LifecycleStage.Decline, timeline.StageAt("a", Length));
        var shares = timeline.Shares();
        Assert.Equal(1, shares.Sum(s => s.Share), 12);
        Assert.Equal(2 * (Length - Start), shares.Sum(s => s.Periods) + 1); // b's filled period has no stage
        var figure = LifecycleChart.Timeline(timeline);
        Assert.Contains("stage", figure.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheFeatureIsTheStageAtTheOrigin()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "units", []);
        var y = Curve().Select(v => v + 1).ToArray(); // log-safe
        b.Add(["a"], [.. Enumerable.Range(1, Length).Select(t => (long)t)], y, []);
        var panel = b.Build();
        var lifecycle = new LifecycleOptions { Window = 1 };
        var options = new FeatureOptions { Families = [new LifecycleFeatures { Options = lifecycle, Transform = TargetTransform.Log }], Transform = TargetTransform.Log };
        var fitted = options.Fit(panel);
        var origins = new long[] { 20, 40, 75 };
        var m = fitted.Rows(panel, [.. origins.Select(o => new FeatureRequest(0, o, o + 1))], 1);
        var curve = lifecycle.Classify(y);
        var stage = m.Columns.ToList().FindIndex(c => c.Name == "lifecycle.stage");
        for (var r = 0; r < origins.Length; r++)
        {
            var t = (int)origins[r] - 1;
            Assert.Equal((int)curve.Stages[t]!.Value, m[r, stage]);
            Assert.Equal((float)curve.Level[t], m[r, stage + 1], 5);
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
