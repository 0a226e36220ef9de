using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Datasets;

public sealed class OrangeJuiceFixture
{
    public SeriesPanel Panel { get; } = OrangeJuice.Load(Repo.Path("data", "oj", "yx.csv.gz"), Repo.Path("data", "oj", "storedemo.csv"));
}

/// <summary>
/// Counts on the real orange-juice data against tests/reference/cleaning_counts.py (pandas 1.5.3),
/// committed as Fixtures/cleaning_counts.json.
/// </summary>
public sealed class OrangeJuiceTests(OrangeJuiceFixture data) : IClassFixture<OrangeJuiceFixture>
{
    private static readonly System.Text.Json.JsonElement Expected = Fixtures.Load("cleaning_counts.json").At("oj");

    [Fact]
    public void Panel_shape_and_target_match_pandas()
    {
        var p = data.Panel;
        Assert.Equal(Expected.At("rows").GetInt64(), p.RowCount);
        Assert.Equal(Expected.At("series").GetInt32(), p.SeriesCount);
        Assert.Equal(Expected.At("stores").GetInt32(), p.Series.Select(s => s.Key[0]).Distinct().Count());
        Assert.Equal(Expected.At("brands").GetInt32(), p.Series.Select(s => s.Key[1]).Distinct().Count());
        // move = round(exp(logmove)), summed over every row
        Assert.Equal(Expected.At("move_sum").GetDouble(), p.Series.Sum(s => s.Target.ToArray().Sum()));
        Assert.Equal("move", p.TargetName);
        Assert.Equal((OrangeJuice.FirstWeek, OrangeJuice.LastWeek), ((int)p.MinTime, (int)p.MaxTime));
    }

    [Fact]
    public void Own_price_is_the_price_of_the_series_brand_and_demographics_are_joined()
    {
        var s = data.Panel.Find("2", "1");
        Assert.Equal(s.Dynamic("price1").ToArray(), s.Dynamic("price").ToArray());
        Assert.Equal(0.06046875, s.Dynamic("price")[0]);             // yx.csv line 2: store 2, brand 1, week 40
        Assert.Equal(0.232864733974575, s.Static("AGE60"), 15);       // storedemo.csv, STORE 2
        var b5 = data.Panel.Find("2", "5");
        Assert.Equal(b5.Dynamic("price5").ToArray(), b5.Dynamic("price").ToArray());
    }

    [Fact]
    public void Missing_weeks_on_the_benchmark_grid_match_pandas()
    {
        var r = new CompleteGrid { From = OrangeJuice.FirstWeek, To = OrangeJuice.LastWeek }.Apply(data.Panel);
        Assert.Equal(Expected.At("grid_missing").GetInt32(), r.Report.Total("missing period"));
        Assert.Equal(Expected.At("grid_series_affected").GetInt32(), r.Report.SeriesAffected("missing period"));
        Assert.Equal(913 * 121, r.Panel.RowCount);
        var absent = Expected.At("example", "absent_weeks").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var s = r.Panel.Find("2", "1");
        var observed = s.Dynamic("observed").ToArray();
        Assert.Equal(absent, s.Time.ToArray().Where((_, k) => observed[k] == 0).ToArray());
    }

    [Fact]
    public void Inner_gaps_match_pandas()
    {
        var r = new CompleteGrid().Apply(data.Panel);
        Assert.Equal(Expected.At("own_missing").GetInt32(), r.Report.Total("missing period"));
        Assert.Equal(Expected.At("own_series_affected").GetInt32(), r.Report.SeriesAffected("missing period"));
    }

    [Fact]
    public void Forward_backward_fill_leaves_no_gap_and_keeps_observed_values()
    {
        var r = Clean.Apply(data.Panel, new CompleteGrid { From = 40, To = 160 }, new Fill(FillMethod.ForwardBackward));
        Assert.All(r.Panel.Series, s => Assert.DoesNotContain(s.Target.ToArray(), double.IsNaN));
        Assert.Equal(Expected.At("grid_missing").GetInt32(), r.Report.Total("filled move"));
        var raw = data.Panel.Find("2", "1");
        var filled = r.Panel.Find("2", "1");
        for (var k = 0; k < raw.Length; k++) Assert.Equal(raw.Target[k], filled.Target[filled.RowOf(raw.Time[k])]);
        // week 41 is absent for store 2 brand 1: forward fill repeats week 40
        Assert.Equal(filled.Target[0], filled.Target[1]);
    }
}
