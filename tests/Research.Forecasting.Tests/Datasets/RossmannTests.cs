using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Datasets;

public sealed class RossmannFixture
{
    public SeriesPanel Panel { get; } = Rossmann.Load(Repo.Path("data", "rossmann", "train.csv.gz"), Repo.Path("data", "rossmann", "store.csv"));
}

/// <summary>Counts on the real Rossmann data against tests/reference/cleaning_counts.py (pandas 1.5.3).</summary>
public sealed class RossmannTests(RossmannFixture data) : IClassFixture<RossmannFixture>
{
    private static readonly System.Text.Json.JsonElement Expected = Fixtures.Load("cleaning_counts.json").At("rossmann");

    [Fact]
    public void Panel_shape_dates_and_sales_match_pandas()
    {
        var p = data.Panel;
        Assert.Equal(Expected.At("rows").GetInt64(), p.RowCount);
        Assert.Equal(Expected.At("stores").GetInt32(), p.SeriesCount);
        Assert.Equal(Expected.At("first_date").GetString(), p.Frequency.Format(p.MinTime));
        Assert.Equal(Expected.At("last_date").GetString(), p.Frequency.Format(p.MaxTime));
        Assert.Equal(Expected.At("days").GetInt64(), p.MaxTime - p.MinTime + 1);
        Assert.Equal(Expected.At("sales_sum").GetDouble(), p.Series.Sum(s => s.Target.ToArray().Sum()));
        var holiday = p.DynamicColumns[p.DynamicIndex("StateHoliday")];
        foreach (var level in Expected.At("state_holiday_counts").EnumerateObject())
        {
            var code = holiday.Code(level.Name);
            Assert.Equal(level.Value.GetInt32(), p.Series.Sum(s => s.Dynamic("StateHoliday").ToArray().Count(v => v == code)));
        }
    }

    [Fact]
    public void Store_metadata_is_joined_as_statics()
    {
        var s1 = data.Panel.Find("1");  // store.csv line 2: 1,"c","a",1270,9,2008,0,,,""
        Assert.Equal("c", s1.StaticLabel("StoreType"));
        Assert.Equal("a", s1.StaticLabel("Assortment"));
        Assert.Equal(1270, s1.Static("CompetitionDistance"));
        Assert.True(double.IsNaN(s1.Static("Promo2SinceWeek")));
        Assert.Equal("", s1.StaticLabel("PromoInterval"));
        var s2 = data.Panel.Find("2"); // 2,"a","a",570,11,2007,1,13,2010,"Jan,Apr,Jul,Oct"
        Assert.Equal("Jan,Apr,Jul,Oct", s2.StaticLabel("PromoInterval"));
    }

    [Fact]
    public void Promo2_decoding_matches_pandas()
    {
        var p = data.Panel;
        Assert.Equal(Expected.At("promo2_active_rows").GetInt32(), p.Series.Sum(s => s.Dynamic("Promo2Active").ToArray().Count(v => v == 1)));
        foreach (var store in Expected.At("promo2_first_active_dates").EnumerateObject())
        {
            var s = p.Find(store.Name);
            var active = s.Dynamic("Promo2Active").ToArray();
            var first = Enumerable.Range(0, s.Length).Where(k => active[k] == 1).Take(3).Select(k => p.Frequency.Format(s.Time[k]));
            Assert.Equal(store.Value.EnumerateArray().Select(e => e.GetString()), first);
        }
    }

    [Theory]
    [InlineData("2015-01-05", true)]   // January, after the start
    [InlineData("2015-02-05", false)]  // not an interval month
    [InlineData("2010-01-05", false)]  // before ISO week 13 of 2010 (Monday 2010-03-29)
    [InlineData("2010-04-01", true)]
    public void Promo2_rule_by_hand(string date, bool active) =>
        Assert.Equal(active, Rossmann.IsPromo2Active(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), true, 13, 2010, "Jan,Apr,Jul,Oct"));

    [Fact]
    public void September_is_spelled_Sept()
    {
        Assert.True(Rossmann.IsPromo2Active(new DateOnly(2014, 9, 1), true, 1, 2013, "Mar,Jun,Sept,Dec"));
        Assert.Throws<FormatException>(() => Rossmann.IsPromo2Active(new DateOnly(2014, 9, 1), true, 1, 2013, "Mar,Jun,Sep,Dec"));
    }

    [Fact]
    public void Missing_days_match_pandas()
    {
        var p = data.Panel;
        var global = new CompleteGrid { From = p.MinTime, To = p.MaxTime }.Apply(p);
        Assert.Equal(Expected.At("global_grid_missing").GetInt32(), global.Report.Total("missing period"));
        Assert.Equal(Expected.At("global_grid_stores_affected").GetInt32(), global.Report.SeriesAffected("missing period"));
        Assert.Equal(180, global.Report.Count(e => e.Periods == "2014-07-01..2014-12-31"));
        var own = new CompleteGrid().Apply(p);
        Assert.Equal(Expected.At("own_grid_missing").GetInt32(), own.Report.Total("missing period"));
        Assert.Equal(Expected.At("own_grid_stores_affected").GetInt32(), own.Report.SeriesAffected("missing period"));
    }

    [Fact]
    public void Closed_days_match_pandas()
    {
        var r = new ClosedDays().Apply(data.Panel);
        Assert.Equal(Expected.At("closed").GetInt32(), r.Report.Total("closed (target excluded)"));
        Assert.Equal(Expected.At("closed_stores_affected").GetInt32(), r.Report.SeriesAffected("closed (target excluded)"));
        Assert.Equal(Expected.At("sales_while_closed").GetInt32(), r.Report.Total("sales while closed"));
        Assert.Equal(Expected.At("zero_sales_while_open").GetInt32(), r.Report.Total("zero sales while open"));
        Assert.Equal(Expected.At("zero_sales_while_open_stores").GetInt32(), r.Report.SeriesAffected("zero sales while open"));
        Assert.Equal(Expected.At("closed").GetInt32(), r.Panel.Series.Sum(s => s.Target.ToArray().Count(double.IsNaN)));
    }
}
