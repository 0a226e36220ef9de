using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Cleaning;

public sealed class CompleteGridTests
{
    private static SeriesPanel Gappy()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y", [new ColumnInfo("price")]);
        b.Add(["a"], [2, 3, 6], [20, 30, 60], [[1, 1, 2]]);
        b.Add(["b"], [1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7], [[1, 1, 1, 1, 1, 1, 1]]);
        return b.Build();
    }

    [Fact]
    public void Own_grid_adds_rows_for_inner_gaps_only()
    {
        var r = new CompleteGrid().Apply(Gappy());
        var a = r.Panel.Find("a");
        Assert.Equal([2L, 3, 4, 5, 6], a.Time.ToArray());
        Assert.Equal([20.0, 30, double.NaN, double.NaN, 60], a.Target.ToArray());
        Assert.Equal([1.0, 1, 0, 0, 1], a.Dynamic("observed").ToArray());
        Assert.True(double.IsNaN(a.Dynamic("price")[2]));
        var e = Assert.Single(r.Report);
        Assert.Equal(("a", "missing period", 2, "4", "5", "4..5"), (e.Series, e.Problem, e.Count, e.First, e.Last, e.Periods));
    }

    [Fact]
    public void Declared_range_extends_every_series()
    {
        var r = new CompleteGrid { From = 1, To = 8 }.Apply(Gappy());
        Assert.Equal(8, r.Panel.Find("a").Length);
        Assert.Equal(8, r.Panel.Find("b").Length);
        Assert.Equal(5, r.Report.Total("missing period") - 1); // a: 1,4,5,7,8 ; b: 8
        Assert.Equal(2, r.Report.SeriesAffected("missing period"));
        Assert.Equal("1, 4..5, 7..8", r.Report.ForSeries("a").Single().Periods);
    }

    [Fact]
    public void Applying_twice_changes_nothing_more()
    {
        var once = new CompleteGrid().Apply(Gappy());
        var twice = new CompleteGrid().Apply(once.Panel);
        Assert.Empty(twice.Report);
        Assert.Equal(once.Panel.Find("a").Dynamic("observed").ToArray(), twice.Panel.Find("a").Dynamic("observed").ToArray());
    }
}
