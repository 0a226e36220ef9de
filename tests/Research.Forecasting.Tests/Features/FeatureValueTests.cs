using Research.Forecasting.Data;
using Research.Forecasting.Features;
using Research.Forecasting.Models;

namespace Research.Forecasting.Tests.Features;

/// <summary>Feature values against hand-computed oracles on small series.</summary>
public sealed class FeatureValueTests
{
    /// <summary>One series y_t = t on periods 1..20 with a price that is 2 + t/100, other brands' prices 1.5 and 3.5, deal every 4th period.</summary>
    private static SeriesPanel Linear()
    {
        var t = Enumerable.Range(1, 20).Select(x => (long)x).ToArray();
        var b = new PanelBuilder(Frequency.Periods, ["store", "brand"], "y",
            [new ColumnInfo("price1"), new ColumnInfo("price2"), new ColumnInfo("price3"), new ColumnInfo("price"), new ColumnInfo("deal")],
            [new ColumnInfo("size")]);
        var own = t.Select(x => 2 + x / 100.0).ToArray();
        b.Add(["5", "2"], t, t.Select(x => (double)x).ToArray(),
            [t.Select(_ => 1.5).ToArray(), own, t.Select(_ => 3.5).ToArray(), own, t.Select(x => x % 4 == 0 ? 1.0 : 0.0).ToArray()], [12.5]);
        b.Add(["3", "1"], t, t.Select(x => 100.0 + x).ToArray(),
            [own, t.Select(_ => 1.5).ToArray(), t.Select(_ => 3.5).ToArray(), own, t.Select(_ => 0.0).ToArray()], [7]);
        return b.Build();
    }

    private static FeatureMatrix Row(IFeatureFamily family, long origin, long time, int series = 0, TargetTransform transform = TargetTransform.None)
    {
        var panel = Linear();
        return new FeatureOptions { Families = [family], Transform = transform }.Fit(panel).Rows(panel, [new FeatureRequest(series, origin, time)], 3);
    }

    private static float Value(FeatureMatrix m, string column) => m[0, m.ColumnIndex(column)];

    [Fact]
    public void LagsCountBackFromTheOriginAndSeasonalLagsFromThePeriod()
    {
        var m = Row(new LagFeatures { Count = 3, SeasonLength = 5, SeasonalLags = 2 }, origin: 10, time: 12);
        Assert.Equal(2, Value(m, "step"));
        Assert.Equal([10f, 9f, 8f], [Value(m, "lag.o-0"), Value(m, "lag.o-1"), Value(m, "lag.o-2")]);
        Assert.Equal(7, Value(m, "lag.t-5"));   // period 12 − 5, before the origin
        Assert.Equal(2, Value(m, "lag.t-10"));
        var late = Row(new LagFeatures { Count = 1, SeasonLength = 2, SeasonalLags = 1 }, origin: 10, time: 13);
        Assert.True(float.IsNaN(Value(late, "lag.t-2"))); // period 11 is after the origin: not known
        var early = Row(new LagFeatures { Count = 4 }, origin: 2, time: 3);
        Assert.True(float.IsNaN(Value(early, "lag.o-3"))); // before the series starts
        Assert.Equal(MathF.Log(10), Row(new LagFeatures { Count = 1 }, 10, 12, transform: TargetTransform.Log)[0, 1], 5);
    }

    [Fact]
    public void RollingStatisticsOfTheWindowEndingAtTheOrigin()
    {
        // y = 6..10: mean 8, sample sd sqrt(2.5), min 6, max 10
        var m = Row(new RollingFeatures { Windows = [5] }, origin: 10, time: 11);
        Assert.Equal(8, Value(m, "rolling.mean5"), 6);
        Assert.Equal(Math.Sqrt(2.5), Value(m, "rolling.std5"), 5);
        Assert.Equal(6, Value(m, "rolling.min5"));
        Assert.Equal(10, Value(m, "rolling.max5"));
        var short1 = Row(new RollingFeatures { Windows = [5] }, origin: 1, time: 2);
        Assert.True(float.IsNaN(Value(short1, "rolling.std5"))); // one value
    }

    [Fact]
    public void ExponentialAndExpandingMeans()
    {
        // alpha = 0.5 at origin 3 over 3, 2, 1: (3 + 0.5·2 + 0.25·1) / 1.75
        Assert.Equal((3 + 1 + 0.25) / 1.75, Value(Row(new ExponentialFeatures { Alphas = [0.5] }, 3, 4), "ewm.0.5"), 5);
        Assert.Equal(10, Value(Row(new ExponentialFeatures { Alphas = [1] }, 10, 12), "ewm.1"));
        var e = Row(new ExpandingFeatures(), 9, 10);
        Assert.Equal(5, Value(e, "expanding.mean"), 6);
        Assert.Equal(Math.Sqrt(7.5), Value(e, "expanding.std"), 5);
        Assert.Equal(9, Value(e, "expanding.count"));
        Assert.Equal(1, Value(e, "expanding.min"));
    }

    [Fact]
    public void PricesAgainstTheOtherBrandsAndTheOwnHistory()
    {
        // series 5/2: own price = price2 = 2.12 at period 12; others price1 = 1.5, price3 = 3.5
        var m = Row(new PriceFeatures { Price = "price", Competitors = ["price1", "price2", "price3"], OwnKey = "brand", TrailingWindow = 4 }, 10, 12);
        Assert.Equal(2.12, Value(m, "price.own"), 5);
        Assert.Equal(2.5, Value(m, "price.others_mean"), 5);
        Assert.Equal(1.5, Value(m, "price.others_min"), 5);
        Assert.Equal(2.12 / 2.5, Value(m, "price.ratio_mean"), 5);
        Assert.Equal(2.12 / 1.5, Value(m, "price.ratio_min"), 5);
        Assert.Equal(2.12 - 2.5, Value(m, "price.gap"), 5);
        Assert.Equal(2.12 / 2.095 - 1, Value(m, "price.vs_trailing4"), 5); // mean of 2.08..2.11
        Assert.Equal(0.01, Value(m, "price.change"), 5);
    }

    [Fact]
    public void PromotionsSinceUntilAndCount()
    {
        // deal at 4, 8, 12, 16, 20; origin 10 with 3 steps knows covariates through 13
        var m = Row(new PromotionFeatures { Columns = ["deal"], Window = 4, Cap = 30 }, origin: 10, time: 11);
        Assert.Equal(0, Value(m, "promotion.deal"));
        Assert.Equal(0, Value(m, "promotion.deal.previous"));
        Assert.Equal(3, Value(m, "promotion.deal.since"));   // 11 − 8
        Assert.Equal(1, Value(m, "promotion.deal.until"));   // 12, known at origin 10
        Assert.Equal(1, Value(m, "promotion.deal.active4")); // 7..10: period 8
        var unknown = Row(new PromotionFeatures { Columns = ["deal"], Window = 4, Cap = 30 }, origin: 10, time: 13);
        Assert.Equal(30, Value(unknown, "promotion.deal.until")); // 16 is beyond 13: capped
    }

    [Fact]
    public void CalendarOfOrangeJuiceWeeksAndFourierTerms()
    {
        // week 13 of Dominick's data starts 1989-09-14 + 12 weeks = 1989-12-07 (ISO week 49; Python's date.isocalendar)
        var m = Row(new CalendarFeatures { PeriodOne = new DateOnly(1989, 9, 14) }, 12, 13);
        Assert.Equal(12, Value(m, "calendar.month"));
        Assert.Equal(7, Value(m, "calendar.day_of_month"));
        Assert.Equal(1, Value(m, "calendar.week_of_month"));
        Assert.Equal(49, Value(m, "calendar.week_of_year"));
        var f = Row(new FourierFeatures { Period = 4, Terms = 2 }, 4, 5);
        Assert.Equal(1, Value(f, "fourier.sin1/4"), 6);   // 2π·5/4 = π/2 + 2π
        Assert.Equal(0, Value(f, "fourier.cos1/4"), 6);
        Assert.Equal(-1, Value(f, "fourier.cos2/4"), 6);
    }

    [Fact]
    public void StaticsAndIdsAsCategories()
    {
        var panel = Linear();
        var fitted = new FeatureOptions { Families = [new StaticFeatures(), new AgeFeatures()] }.Fit(panel);
        var m = fitted.Rows(panel, [new FeatureRequest(0, 5, 7), new FeatureRequest(1, 5, 7)], 2);
        Assert.Equal(["step", "id.store", "id.brand", "static.size", "age.periods"], m.Columns.Select(c => c.Name));
        Assert.Equal(2, m.Columns[1].Categories);
        // stores 3 < 5 in numeric order; brands 1 < 2
        Assert.Equal([1f, 1f, 12.5f, 6f], [m[0, 1], m[0, 2], m[0, 3], m[0, 4]]);
        Assert.Equal([0f, 0f, 7f], [m[1, 1], m[1, 2], m[1, 3]]);
        // a store not seen in training has no code
        var other = new FeatureOptions { Families = [new StaticFeatures()] }.Fit(panel.Select([0])).Rows(panel, [new FeatureRequest(1, 5, 7)], 2);
        Assert.True(float.IsNaN(other[0, 1]));
    }

    [Fact]
    public void GroupMeansLeaveTheSeriesItselfOut()
    {
        // three brands in store 1 (y = 10t, 20t, 30t; deal on brand 3 only) and one brand alone in store 2
        var b = new PanelBuilder(Frequency.Periods, ["store", "brand"], "y", [new ColumnInfo("deal")]);
        var t = Enumerable.Range(1, 10).Select(x => (long)x).ToArray();
        foreach (var (store, brand, scale) in new[] { ("1", "1", 10.0), ("1", "2", 20.0), ("1", "3", 30.0), ("2", "1", 5.0) })
            b.Add([store, brand], t, t.Select(x => scale * x).ToArray(), [t.Select(_ => brand == "3" ? 1.0 : 0.0).ToArray()]);
        var panel = b.Build();
        var fitted = new FeatureOptions { Families = [new GroupFeatures { Key = "store", Covariates = ["deal"] }] }.Fit(panel);
        var m = fitted.Rows(panel, [new FeatureRequest(0, 6, 8), new FeatureRequest(2, 6, 8), new FeatureRequest(3, 6, 8)], 2);
        // brand 1 of store 1 at origin 6: others 120 and 180
        Assert.Equal(150, m[0, m.ColumnIndex("group.store.y_origin")]);
        Assert.Equal((20 + 30) / 2.0 * 4.5, m[0, m.ColumnIndex("group.store.y_mean4")]); // mean of 25k over periods 3..6
        Assert.Equal(60 - 150, m[0, m.ColumnIndex("group.store.own_minus_others")]);
        Assert.Equal(0.5, m[0, m.ColumnIndex("group.store.deal")]);
        Assert.Equal(0, m[1, m.ColumnIndex("group.store.deal")]);
        Assert.True(float.IsNaN(m[2, m.ColumnIndex("group.store.y_origin")])); // alone in its store
    }

    [Fact]
    public void TrainingRowsCoverEveryObservedPeriodAndStep()
    {
        var panel = Linear();
        var m = new FeatureOptions { Families = [new LagFeatures { Count = 2 }], MinHistory = 3 }.Fit(panel).Training(panel, gap: 2, steps: 3);
        // per series: targets t with origin t − h >= 3 for h = 2 (t = 5..20: 16 rows) and h = 3 (t = 6..20: 15 rows)
        Assert.Equal(2 * 31, m.Rows);
        for (var r = 0; r < m.Rows; r++)
        {
            Assert.Equal(m.Time[r] - m.Origin[r], m[r, 0]);
            Assert.Equal(m.Labels[r], (m.Series[r] == 0 ? 0 : 100) + m.Time[r]);
            Assert.Equal((m.Series[r] == 0 ? 0 : 100) + m.Origin[r], m[r, 1]);
        }
        var f = new FeatureOptions { Families = [new LagFeatures { Count = 1 }] }.Fit(panel).Forecast(panel.Until(15), panel.Between(16, 18), gap: 2, steps: 3);
        // step 1 (before the gap) comes from origin 14 at step 2; steps 2 and 3 from origin 15
        Assert.Equal([14L, 15L, 15L], f.Origin[..3].ToArray());
        Assert.Equal([16L, 17L, 18L], f.Time[..3].ToArray());
        Assert.Equal([14f, 15f, 15f], [f[0, 1], f[1, 1], f[2, 1]]);
    }

    [Fact]
    public void RowsOfASeriesAndStepGiveItsColumnValuesAndLabels()
    {
        var panel = Linear();
        var m = new FeatureOptions { Families = [new LagFeatures { Count = 2 }], MinHistory = 3 }.Fit(panel).Training(panel, gap: 2, steps: 3);
        var rows = m.RowsOf("3/1", step: 3);
        // series 3/1 is y = 100 + t; step 3 rows have targets t = 6..20 and origins t - 3
        Assert.Equal(15, rows.Length);
        Assert.Equal(Enumerable.Range(6, 15).Select(t => 100.0 + t), m.LabelsAt(rows));
        Assert.Equal(Enumerable.Range(3, 15).Select(o => 100.0 + o), m.Column("lag.o-0", rows));
        Assert.Equal(Enumerable.Range(2, 15).Select(o => 100.0 + o), m.Column("lag.o-1", rows));
        Assert.Throws<ArgumentException>(() => m.RowsOf("9/9", step: 2));
        Assert.Throws<ArgumentException>(() => m.Column("lag.o-7", rows));
    }
}
