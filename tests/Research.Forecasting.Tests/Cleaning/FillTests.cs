using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Cleaning;

public sealed class FillTests
{
    private const double N = double.NaN;

    private static SeriesPanel One(double[] y, long[]? time = null)
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y", [new ColumnInfo("x")]);
        b.Add(["s"], time ?? Enumerable.Range(0, y.Length).Select(i => (long)i).ToArray(), y, [y.Select(v => v * 10).ToArray()]);
        return b.Build();
    }

    [Fact]
    public void Forward_then_backward() =>
        Assert.Equal([2.0, 2, 2, 5, 5, 5], new Fill(FillMethod.ForwardBackward).Apply(One([N, 2, N, 5, N, N])).Panel[0].Target.ToArray());

    [Fact]
    public void Linear_interpolates_in_time_not_in_rows()
    {
        // times 0, 1, 4: value at 1 lies a quarter of the way from t=0 to t=4
        var r = new Fill(FillMethod.Linear).Apply(One([0, N, 8], [0, 1, 4]));
        Assert.Equal([0.0, 2, 8], r.Panel[0].Target.ToArray());
    }

    [Fact]
    public void Linear_uses_nearest_value_at_the_edges() =>
        Assert.Equal([3.0, 3, 4, 5, 5], new Fill(FillMethod.Linear).Apply(One([N, 3, N, 5, N])).Panel[0].Target.ToArray());

    [Fact]
    public void Seasonal_copies_the_value_one_season_earlier_then_later()
    {
        // season 3: position 4 takes position 1; position 0 has no earlier season and takes position 3
        var r = new Fill(FillMethod.Seasonal) { SeasonLength = 3 }.Apply(One([N, 11, 12, 20, N, 22]));
        Assert.Equal([20.0, 11, 12, 20, 11, 22], r.Panel[0].Target.ToArray());
    }

    [Fact]
    public void Zero_fill_and_report_counts_per_column()
    {
        var r = new Fill(FillMethod.Zero).Apply(One([N, 1, N]));
        Assert.Equal([0.0, 1, 0], r.Panel[0].Target.ToArray());
        Assert.Equal([0.0, 10, 0], r.Panel[0].Dynamic("x").ToArray());
        Assert.Equal(2, r.Report.Total("filled y"));
        Assert.Equal(2, r.Report.Total("filled x"));
    }

    [Fact]
    public void Only_the_named_columns_are_filled()
    {
        var r = new Fill(FillMethod.Zero) { Columns = ["x"] }.Apply(One([N, 1]));
        Assert.True(double.IsNaN(r.Panel[0].Target[0]));
        Assert.Equal(0, r.Panel[0].Dynamic("x")[0]);
    }

    [Fact]
    public void An_all_missing_series_is_reported_as_unfillable()
    {
        var r = new Fill(FillMethod.ForwardBackward) { Columns = ["y"] }.Apply(One([N, N]));
        Assert.Equal(2, r.Report.Total("unfillable y"));
        Assert.Equal(0, r.Report.Total("filled y"));
    }
}
