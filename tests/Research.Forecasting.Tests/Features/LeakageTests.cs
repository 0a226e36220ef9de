using Research.Forecasting.Features;
using Research.Forecasting.Models;

namespace Research.Forecasting.Tests.Features;

/// <summary>
/// Perturb the future, compare the features: for every feature family, the values of a row with origin o are the
/// same when every target after o and every covariate after o + steps (the last period known in advance at o) is
/// replaced by noise. A family added to the library without a case here fails <see cref="EveryFamilyIsCovered"/>.
/// </summary>
public sealed class LeakageTests
{
    private const int Steps = 3;

    /// <summary>Every family of the library, configured to read as much as it can, on the panel it applies to.</summary>
    public static TheoryData<string> Families => [.. Cases.Keys];

    private static readonly Dictionary<string, (IFeatureFamily Family, bool Daily)> Cases = new(StringComparer.Ordinal)
    {
        ["lags"] = (new LagFeatures { Count = 6, SeasonLength = 4, SeasonalLags = 2 }, false),
        ["rolling"] = (new RollingFeatures { Windows = [3, 8, 50] }, false),
        ["ewm"] = (new ExponentialFeatures { Alphas = [0.05, 0.5, 1] }, false),
        ["expanding"] = (new ExpandingFeatures(), false),
        ["calendar"] = (new CalendarFeatures { Holidays = ["StateHoliday", "SchoolHoliday"] }, true),
        ["calendar-periods"] = (new CalendarFeatures { PeriodOne = new DateOnly(1989, 9, 14), Holidays = ["holiday"] }, false),
        ["fourier"] = (new FourierFeatures { Period = 7, Terms = 3 }, false),
        ["price"] = (new PriceFeatures { Price = "price", Competitors = FeaturePanels.Competitors, OwnKey = "brand", TrailingWindow = 5 }, false),
        ["promotion"] = (new PromotionFeatures { Columns = ["deal", "feat"], Window = 4, Cap = 30 }, false),
        ["promotion-daily"] = (new PromotionFeatures { Columns = ["Promo"], Window = 7, Cap = 60 }, true),
        ["covariate"] = (new CovariateFeatures { Columns = ["price", "deal", "holiday"] }, false),
        ["static"] = (new StaticFeatures(), false),
        ["group"] = (new GroupFeatures { Key = "store", Covariates = ["deal", "feat"] }, false),
        ["age"] = (new AgeFeatures(), false),
        ["lifecycle"] = (new LifecycleFeatures { Options = new() { Window = 6, GrowthLag = 2 }, Transform = TargetTransform.Log }, false),
        ["lifecycle-daily"] = (new LifecycleFeatures { Options = new() { Window = 7, GrowthLag = 7, IntroductionPeriods = 5 } }, true),
        ["age-since"] = (new AgeFeatures { SinceYear = "CompetitionOpenSinceYear", SinceMonth = "CompetitionOpenSinceMonth" }, true),
    };

    [Fact]
    public void EveryFamilyIsCovered()
    {
        var families = typeof(IFeatureFamily).Assembly.GetTypes()
            .Where(t => typeof(IFeatureFamily).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToHashSet();
        var covered = Cases.Values.Select(c => c.Family.GetType()).ToHashSet();
        Assert.Empty(families.Except(covered).Select(t => t.Name));
        Assert.True(families.Count >= 11, $"found {families.Count} families");
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void NothingAfterTheOriginReachesARow(string name)
    {
        var (family, daily) = Cases[name];
        var panel = daily ? FeaturePanels.Daily() : FeaturePanels.Weekly();
        foreach (var transform in new[] { TargetTransform.None, TargetTransform.Log })
        {
            var options = new FeatureOptions { Families = [family], Transform = transform, ObservedColumn = daily ? null : "observed" };
            var first = panel.MinTime;
            var last = panel.MaxTime;
            var changed = 0;
            for (var origin = first + 6; origin <= last - Steps; origin += 5)
            {
                // fitted on the training window ending at this origin, as in a backtest round
                var fitted = options.Fit(panel.Until(origin));
                var requests = new List<FeatureRequest>();
                for (var i = 0; i < panel.SeriesCount; i++)
                    if (panel[i].FirstTime <= origin)
                        for (var h = 1; h <= Steps; h++) requests.Add(new FeatureRequest(i, origin, origin + h));
                var before = fitted.Rows(panel, requests, Steps);
                var after = fitted.Rows(FeaturePanels.Perturbed(panel, origin, origin + Steps, seed: (int)origin), requests, Steps);
                Assert.Equal(before.Rows, after.Rows);
                for (var r = 0; r < before.Rows; r++)
                    for (var j = 0; j < before.Width; j++)
                        Assert.True(Same(before[r, j], after[r, j]),
                            $"{name}: {before.Columns[j].Name} of series {before.SeriesIds[before.Series[r]]}, origin {origin}, period {before.Time[r]} changed from {before[r, j]} to {after[r, j]} when the future changed");

                // the perturbation does reach the features when it starts inside what the row may see
                var visible = fitted.Rows(FeaturePanels.Perturbed(panel, origin - 4, origin - 4, seed: 7 + (int)origin), requests, Steps);
                for (var r = 0; r < before.Rows; r++)
                    for (var j = 1; j < before.Width; j++)
                        if (!Same(before[r, j], visible[r, j])) changed++;
            }
            if (name is not ("fourier" or "static" or "calendar" or "calendar-periods" or "age" or "age-since"))
                Assert.True(changed > 0, $"{name}: no feature changed when the visible past changed (the test would not see a leak)");
        }
    }

    [Fact]
    public void TrainingAndForecastMatricesOfARoundSeeNothingAfterItsCutoff()
    {
        var panel = FeaturePanels.Weekly();
        var options = new FeatureOptions
        {
            Families = [.. Cases.Where(c => !c.Value.Daily).Select(c => c.Value.Family)],
            Transform = TargetTransform.Log,
            ObservedColumn = "observed",
        };
        const long cutoff = 40;
        var train = panel.Until(cutoff);
        var future = panel.Between(cutoff + 1, cutoff + Steps);
        var noisy = FeaturePanels.Perturbed(panel, cutoff, cutoff + Steps, seed: 3);
        var fitted = options.Fit(train);
        var a = fitted.Training(train, 2, Steps);
        var b = options.Fit(noisy.Until(cutoff)).Training(noisy.Until(cutoff), 2, Steps);
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
        Assert.Equal(a.Labels.ToArray(), b.Labels.ToArray());
        Assert.True(a.Time.ToArray().All(t => t <= cutoff));
        // the forecast matrix reads the covariates of the future rows (unchanged here), never their target
        var f1 = fitted.Forecast(train, future.WithTarget("units", _ => double.NaN), 2, Steps);
        var f2 = fitted.Forecast(train, noisy.Between(cutoff + 1, cutoff + Steps), 2, Steps);
        Assert.Equal(f1.Values.ToArray(), f2.Values.ToArray());
        Assert.Equal(panel.SeriesCount * Steps, f1.Rows);
    }

    private static bool Same(float a, float b) => (float.IsNaN(a) && float.IsNaN(b)) || a == b;
}
