using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Data;

public sealed class FrequencyTests
{
    [Fact]
    public void Weekly_ordinals_are_consecutive_and_round_trip()
    {
        var f = Frequency.Weekly(DayOfWeek.Sunday);
        var a = f.ToOrdinal(new DateOnly(2024, 1, 7)); // a Sunday
        Assert.Equal(a + 1, f.ToOrdinal(new DateOnly(2024, 1, 14)));
        Assert.Equal(new DateOnly(2024, 1, 14), f.ToDate(a + 1));
        Assert.Equal(a, f.Floor(new DateOnly(2024, 1, 13)));
        Assert.False(f.TryToOrdinal(new DateOnly(2024, 1, 8), out _, out var why));
        Assert.Contains("Monday", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Monthly_and_daily_labels_round_trip()
    {
        Assert.Equal("2015-07", Frequency.Monthly.Format(Frequency.Monthly.Parse("2015-07")));
        Assert.Equal("2015-07-31", Frequency.Daily.Format(Frequency.Daily.Parse("2015-07-31")));
        Assert.Equal(Frequency.Daily.ToOrdinal(new DateOnly(2015, 8, 1)), Frequency.Daily.Parse("2015-07-31") + 1);
        Assert.Equal("160", Frequency.Periods.Format(160));
    }
}
