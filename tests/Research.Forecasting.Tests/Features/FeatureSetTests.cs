using Research.Forecasting.Benchmarks;
using Research.Forecasting.Cleaning;
using Research.Forecasting.Datasets;
using Research.Forecasting.Features;

namespace Research.Forecasting.Tests.Features;

/// <summary>The ready-made feature sets on the real data they are made for.</summary>
public sealed class FeatureSetTests
{
    [Fact]
    public void Orange_juice_features_of_a_round_ignore_everything_after_its_cutoff()
    {
        // stores 2 and 5 (22 series), round 1 of the benchmark: cutoff week 135, three forecast steps
        var panel = OrangeJuiceBenchmark.Prepare(OrangeJuice.Load()).Where(s => s.Key[0] is "2" or "5");
        const long cutoff = 135;
        var options = FeatureSets.OrangeJuice();
        var noisy = FeaturePanels.Perturbed(panel, cutoff, cutoff + 3, seed: 9);
        var a = options.Fit(panel.Until(cutoff));
        var b = options.Fit(noisy.Until(cutoff));
        Assert.Equal(a.Training(panel.Until(cutoff), 2, 3).Values.ToArray(), b.Training(noisy.Until(cutoff), 2, 3).Values.ToArray());
        var fa = a.Forecast(panel.Until(cutoff), panel.Between(cutoff + 1, cutoff + 3), 2, 3);
        var fb = b.Forecast(noisy.Until(cutoff), noisy.Between(cutoff + 1, cutoff + 3), 2, 3);
        Assert.Equal(fa.Values.ToArray(), fb.Values.ToArray());
        Assert.Equal(79, fa.Width);
        // log units, filled weeks hidden: every label is the log of an observed week's units
        var m = a.Training(panel.Until(cutoff), 2, 3);
        Assert.All(m.Labels.ToArray(), y => Assert.InRange(y, 0, 14));
        Assert.Equal(["step", "lag.o-0"], m.Columns.Take(2).Select(c => c.Name));
        Assert.Equal(2, m.Columns.Single(c => c.Name == "id.store").Categories);
        Assert.Equal(11, m.Columns.Single(c => c.Name == "id.brand").Categories);
    }

    [Fact]
    public void Rossmann_features_resolve_the_store_columns_and_holidays()
    {
        var panel = Clean.Apply(Rossmann.Load().Take(3), new ClosedDays()).Panel;
        var cutoff = panel.MaxTime - 14;
        var fitted = FeatureSets.Rossmann().Fit(panel.Until(cutoff));
        var m = fitted.Training(panel.Until(cutoff), 1, 7);
        Assert.True(m.Rows > 3 * 600 * 7, $"{m.Rows} rows");
        foreach (var name in new[] { "calendar.StateHoliday", "calendar.SchoolHoliday", "calendar.day_of_week", "promotion.Promo", "promotion.Promo2Active",
                     "static.StoreType", "static.Assortment", "static.CompetitionDistance", "age.months_since_competition" })
            Assert.Contains(name, m.Columns.Select(c => c.Name));
        Assert.True(m.Columns.Single(c => c.Name == "static.StoreType").IsCategorical);
        // closed days are not targets
        Assert.All(m.Labels.ToArray(), y => Assert.False(float.IsNaN(y)));
    }
}
