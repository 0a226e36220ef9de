using Research.Forecasting.Neural.Data;
using Research.Forecasting.Neural.Tests.Support;

namespace Research.Forecasting.Neural.Tests.Data;

/// <summary>Windows against values computed by hand from <see cref="Panels.Linear"/> (no scaling, so values are the raw ones).</summary>
public class WindowSetTests
{
    private static readonly NeuralOptions Options = new()
    {
        InputLength = 4,
        Horizon = 2,
        Scaling = Scaling.None,
        Dynamic = ["promo"],
        Static = ["size"],
        Embeddings = [new EmbeddingSpec("b", 3)],
    };

    [Fact]
    public void Every_window_of_every_series_is_cut_with_its_inputs_targets_and_known_future()
    {
        var panel = Panels.Linear(3, 10);
        var e = PanelEncoding.Fit(panel, Options);
        var w = WindowSet.Cut(panel, e);
        // per series: last input row t = 3..7 (t + 2 <= 9): 5 windows
        Assert.Equal(15, w.Count);
        Assert.Equal(2, w.PastFeatures); // y, promo
        Assert.Equal(1, w.FutureFeatures);

        // window 6: series 1, last input row 4 (period 5): inputs periods 2..5, targets periods 6, 7
        const int k = 6;
        Assert.Equal(1, w.Series[k]);
        Assert.Equal(5, w.Origin[k]);
        var promo = e.DynamicScales[0];
        float Y(int series, int t) => (float)(100 + 10 * series + t + 5 * (t % 3 == 0 ? 1 : 0));
        float P(int t) => (float)promo.Apply(t % 3 == 0 ? 1 : 0);
        Assert.Equal([Y(1, 2), P(2), Y(1, 3), P(3), Y(1, 4), P(4), Y(1, 5), P(5)], w.Past.AsSpan(k * 8, 8).ToArray());
        Assert.Equal([Y(1, 6), Y(1, 7)], w.Target.AsSpan(k * 2, 2).ToArray());
        Assert.Equal([P(6), P(7)], w.Future.AsSpan(k * 2, 2).ToArray());
        // statics standardised across series (sizes 0, 1, 2: mean 1, sd sqrt(2/3)); b = 1 % 2 = "1" is level 2 ("0" is 1)
        Assert.Equal((float)((1 - 1) / Math.Sqrt(2.0 / 3)), w.Static[k]);
        Assert.Equal(2, w.Categories[k]);
    }

    [Fact]
    public void Validation_windows_are_the_ones_whose_targets_fall_in_the_last_periods_and_training_windows_end_before()
    {
        var panel = Panels.Linear(2, 12);
        var e = PanelEncoding.Fit(panel, Options);
        var train = WindowSet.Cut(panel, e, targetsTo: 9);
        var valid = WindowSet.Cut(panel, e, targetsFrom: 10);
        // targets of a window with last input period p are p+1, p+2: training p+2 <= 9 -> p = 4..7; validation p+1 >= 10 -> p = 9, 10
        Assert.Equal([4, 5, 6, 7, 4, 5, 6, 7], train.Origin);
        Assert.Equal([9, 10, 9, 10], valid.Origin);
    }

    [Fact]
    public void A_missing_target_or_a_gap_in_time_drops_the_windows_that_touch_it()
    {
        var b = new Research.Forecasting.Data.PanelBuilder(Research.Forecasting.Data.Frequency.Periods, ["a"], "y");
        b.Add(["x"], [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13], [1, 2, 3, double.NaN, 5, 6, 8, 9, 10, 11, 12, 13]);
        var panel = b.Build();
        var o = new NeuralOptions { InputLength = 2, Horizon = 1, Scaling = Scaling.None };
        var w = WindowSet.Cut(panel, PanelEncoding.Fit(panel, o));
        // windows over three consecutive periods with no NaN: 5-6-[7 missing row]... only 8-9-10, 9-10-11, 10-11-12, 11-12-13 and 1-2-3
        Assert.Equal([2, 9, 10, 11, 12], w.Origin);
    }

    [Fact]
    public void Forecast_windows_take_the_last_inputs_and_the_future_rows()
    {
        var panel = Panels.Linear(2, 12);
        var e = PanelEncoding.Fit(panel, Options);
        var errors = new string?[2];
        var w = WindowSet.Last(panel.Until(10), panel.Between(11, 12), e, errors);
        Assert.All(errors, Assert.Null);
        Assert.Equal([10, 10], w.Origin);
        Assert.Equal((float)(100 + 10 + 10), w.Past[8 + 6]); // series 1, last input (period 10)
        Assert.Equal([(float)e.DynamicScales[0].Apply(0), (float)e.DynamicScales[0].Apply(1)], w.Future.AsSpan(2, 2).ToArray()); // periods 11, 12

        var shortHistory = WindowSet.Last(panel.Until(3), panel.Between(4, 5), e, errors);
        Assert.All(errors, m => Assert.Contains("reads 4", m));
        Assert.Equal(2, shortHistory.Count);
    }
}
