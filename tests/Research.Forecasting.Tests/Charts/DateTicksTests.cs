using Research.Forecasting.Charts;

namespace Research.Forecasting.Tests.Charts;

public sealed class DateTicksTests
{
    private static double D(int y, int m, int d, int h = 0) => AxisValues.ToDays(new DateTime(y, m, d, h, 0, 0));

    [Fact]
    public void A_year_gets_month_starts()
    {
        var t = DateTicks.Compute(D(2015, 1, 1), D(2015, 12, 31), maxTicks: 12);
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"2015-{m:00}"), t.Labels);
        Assert.Equal(D(2015, 3, 1), t.Values[2]);
    }

    [Fact]
    public void Fewer_ticks_take_every_second_month_from_january()
    {
        var t = DateTicks.Compute(D(2015, 1, 1), D(2015, 12, 31), maxTicks: 6);
        Assert.Equal(["2015-01", "2015-03", "2015-05", "2015-07", "2015-09", "2015-11"], t.Labels);
    }

    [Fact]
    public void A_month_gets_mondays()
    {
        // 2015-03-01 is a Sunday
        var t = DateTicks.Compute(D(2015, 3, 1), D(2015, 3, 31), maxTicks: 6);
        Assert.Equal(["2015-03-02", "2015-03-09", "2015-03-16", "2015-03-23", "2015-03-30"], t.Labels);
        Assert.All(t.Values, v => Assert.Equal(DayOfWeek.Monday, AxisValues.FromDays(v).DayOfWeek));
    }

    [Fact]
    public void Decades_get_round_years()
    {
        var t = DateTicks.Compute(D(1999, 6, 1), D(2021, 1, 1), maxTicks: 6);
        Assert.Equal(["2000", "2005", "2010", "2015", "2020"], t.Labels);
    }

    [Fact]
    public void A_day_gets_hours_labelled_with_the_date_at_midnight()
    {
        var t = DateTicks.Compute(D(2015, 3, 2), D(2015, 3, 3), maxTicks: 5);
        Assert.Equal(["2015-03-02", "06:00", "12:00", "18:00", "2015-03-03"], t.Labels);
        Assert.Equal(D(2015, 3, 2, 6), t.Values[1], 9);
    }

    [Fact]
    public void Ticks_never_exceed_the_budget_and_stay_inside()
    {
        var (lo, hi) = (D(2013, 1, 1), D(2015, 7, 31));
        for (var max = 2; max < 30; max++)
        {
            var t = DateTicks.Compute(lo, hi, max);
            Assert.InRange(t.Count, 1, max);
            Assert.All(t.Values, v => Assert.InRange(v, lo, hi));
        }
    }
}
