using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Cleaning;

public sealed class OutlierTests
{
    /// <summary>A weekly pattern (period 7) on a slow trend, small deterministic noise, and two spikes.</summary>
    private static SeriesPanel Seasonal(out long[] spikes)
    {
        var n = 70;
        var time = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        var pattern = new[] { 100.0, 120, 130, 125, 140, 200, 30 };
        var y = time.Select(t => pattern[t % 7] + 0.5 * t + ((t * 37) % 5 - 2)).ToArray();
        spikes = [20, 47];
        y[20] += 400;   // far above its weekday level
        y[47] -= 150;   // a Saturday (high day) dropped far below
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y");
        b.Add(["s"], time, y);
        return b.Build();
    }

    [Fact]
    public void Seasonal_Hampel_finds_exactly_the_injected_spikes()
    {
        var panel = Seasonal(out var spikes);
        var r = new Outliers { SeasonLength = 7, Window = 15, Threshold = 4 }.Apply(panel);
        var flagged = r.Panel[0].Dynamic("outlier").ToArray();
        var idx = Enumerable.Range(0, flagged.Length).Where(i => flagged[i] == 1).Select(i => (long)i).ToArray();
        Assert.Equal(spikes, idx);
        Assert.Equal("20, 47", r.Report.Single().Periods);
    }

    [Fact]
    public void Without_the_seasonal_term_the_weekly_pattern_itself_looks_like_outliers()
    {
        var panel = Seasonal(out _);
        var plain = new Outliers { SeasonLength = 1, Window = 15, Threshold = 4 }.Apply(panel);
        Assert.True(plain.Report.Total("outlier (flagged)") > 2);
    }

    [Fact]
    public void Cap_moves_a_spike_to_the_bound_and_SetMissing_removes_it()
    {
        var panel = Seasonal(out _);
        var capped = new Outliers { SeasonLength = 7, Window = 15, Threshold = 4, Action = OutlierAction.Cap }.Apply(panel).Panel[0].Target;
        Assert.InRange(capped[20], panel[0].Target[20] - 400 - 60, panel[0].Target[20] - 200);
        Assert.Equal(panel[0].Target[21], capped[21]);
        var removed = new Outliers { SeasonLength = 7, Window = 15, Threshold = 4, Action = OutlierAction.SetMissing }.Apply(panel).Panel[0].Target;
        Assert.True(double.IsNaN(removed[20]) && double.IsNaN(removed[47]));
        Assert.Equal(68, removed.ToArray().Count(v => !double.IsNaN(v)));
    }

    [Fact]
    public void Median_skips_missing_values()
    {
        Assert.Equal(2.5, RobustStatistics.Median([4, double.NaN, 1, 2, 3]));
        Assert.True(double.IsNaN(RobustStatistics.Median([double.NaN])));
    }
}
