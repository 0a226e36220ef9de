using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Backtesting;

public sealed class EnsembleTests
{
    // one series, two rounds: round 1 (cutoff 10) forecasts periods 11 and 12, round 2 (cutoff 12) periods 13 and 14
    private static ForecastTable Table(double[] actual, params (string Name, double[] F)[] models) => new(
        Frequency.Periods, [.. models.Select(m => m.Name)], ["s", "s", "s", "s"], [1, 1, 2, 2], [10, 10, 12, 12], [11, 12, 13, 14], actual,
        [.. models.Select(m => m.F)]);

    private static readonly double[] Actual = [100, 100, 100, 100];

    [Fact]
    public void Mean_and_median_combine_the_members_row_by_row_and_skip_a_missing_forecast()
    {
        var t = Table(Actual, ("a", [90, 80, 110, double.NaN]), ("b", [110, 100, 130, 120]), ("c", [100, 140, 90, 60]));
        Assert.Equal([100.0, 320.0 / 3, 110, 90], t.WithEnsemble("mean", ["a", "b", "c"], EnsembleMethod.Mean).Forecast("mean").ToArray());
        Assert.Equal([100.0, 100, 110, 90], t.WithEnsemble("median", ["a", "b", "c"], EnsembleMethod.Median).Forecast("median").ToArray());
    }

    [Fact]
    public void Validation_weights_come_from_errors_on_periods_the_round_already_knew()
    {
        // round 1 knows nothing (equal weights); round 2's cutoff is 12, so it knows periods 11 and 12:
        // MAPE a = (10 + 20) / 2 = 15 %, b = (10 + 0) / 2 = 5 %; weights 1/15 and 1/5, i.e. 1/4 and 3/4
        var t = Table(Actual, ("a", [90, 80, 120, 100]), ("b", [110, 100, 100, 140]));
        var w = t.WithEnsemble("w", ["a", "b"], EnsembleMethod.ValidationWeighted).Forecast("w").ToArray();
        Assert.Equal(100, w[0], 12);
        Assert.Equal(90, w[1], 12);
        Assert.Equal(0.25 * 120 + 0.75 * 100, w[2], 12);
        Assert.Equal(0.25 * 100 + 0.75 * 140, w[3], 12);
        // what happens at period 13 or later cannot change round 2's weights
        var later = Table([100, 100, 5, 1e6], ("a", [90, 80, 120, 100]), ("b", [110, 100, 100, 140]));
        Assert.Equal(w, later.WithEnsemble("w", ["a", "b"], EnsembleMethod.ValidationWeighted).Forecast("w").ToArray());
    }

    [Fact]
    public void An_ensemble_is_a_model_of_the_table_and_tables_of_one_protocol_join()
    {
        var t = Table(Actual, ("a", [90, 80, 120, 100]));
        var joined = t.Join(Table(Actual, ("b", [110, 100, 100, 140])));
        Assert.Equal(["a", "b"], joined.Models);
        var e = joined.WithEnsemble("mean", ["a", "b"], EnsembleMethod.Mean);
        Assert.Equal(3, e.Overall().Count);
        Assert.Throws<ArgumentException>(() => joined.Join(t));                      // model a twice
        Assert.Throws<ArgumentException>(() => t.Join(Table([1, 2, 3, 4], ("c", [1, 1, 1, 1])))); // other rows
        Assert.Throws<ArgumentException>(() => t.WithEnsemble("one", ["a"], EnsembleMethod.Mean));
    }
}
