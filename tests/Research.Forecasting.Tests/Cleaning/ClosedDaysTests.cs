using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Cleaning;

public sealed class ClosedDaysTests
{
    [Fact]
    public void Closed_days_leave_the_target_but_keep_the_flag()
    {
        var b = new PanelBuilder(Frequency.Daily, ["Store"], "Sales", [new ColumnInfo("Open")]);
        var d0 = Frequency.Daily.ToOrdinal(new DateOnly(2015, 7, 26));
        b.Add(["1"], [d0, d0 + 1, d0 + 2, d0 + 3], [0, 100, 7, 0], [[0, 1, 0, 1]]);
        var r = new ClosedDays().Apply(b.Build());
        var s = r.Panel[0];
        Assert.Equal([double.NaN, 100, double.NaN, 0], s.Target.ToArray());
        Assert.Equal([0.0, 1, 0, 1], s.Dynamic("Open").ToArray());
        Assert.Equal(2, r.Report.Total("closed (target excluded)"));
        var closedWithSales = Assert.Single(r.Report, e => e.Problem == "sales while closed");
        Assert.Equal("2015-07-28", closedWithSales.First);
        var zero = Assert.Single(r.Report, e => e.Problem == "zero sales while open");
        Assert.Equal(("2015-07-29", false), (zero.First, zero.Changed));
    }
}
