using Research.Forecasting.Backtesting;
using Research.Forecasting.Benchmarks;
using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;
using Research.Forecasting.Tests.Datasets;

namespace Research.Forecasting.Tests.Benchmarks;

/// <summary>The Rossmann protocol on the real data of a few stores.</summary>
public sealed class RossmannBenchmarkTests(RossmannFixture data) : IClassFixture<RossmannFixture>
{
    [Fact]
    public void Three_six_week_windows_tile_the_last_126_days_up_to_2015_07_31()
    {
        var p = RossmannBenchmark.Protocol();
        var day = Frequency.Daily;
        Assert.Equal(["2015-03-27", "2015-05-08", "2015-06-19"], Enumerable.Range(1, 3).Select(r => day.Format(p.Cutoff(r))));
        Assert.Equal((42, 1, 42), (p.Horizon, p.Gap, p.Step));
        Assert.Equal(day.ToOrdinal(new DateOnly(2015, 7, 31)), p.Cutoff(3) + p.Gap + p.Horizon - 1);
    }

    [Fact]
    public void Only_open_days_present_in_the_raw_data_are_scored_and_customers_are_no_regressor()
    {
        // stores 1..20 include store 13, one of the 180 without data in the second half of 2014 (trained on, never scored)
        var panel = RossmannBenchmark.Prepare(data.Panel, stores: 20);
        Assert.Equal(20, panel.SeriesCount);
        Assert.DoesNotContain("Customers", RossmannBenchmark.Setting.Regressors);
        var result = RossmannBenchmark.Run(panel, ModelCatalog.Core.Build(["snaive"], RossmannBenchmark.Setting), context: new FitContext(Parallelism: 2));
        var table = result.Table;
        Assert.Equal(20 * 3 * 42, table.Count);
        for (var i = 0; i < table.Count; i++)
        {
            var s = data.Panel.Find(table.Series(i));
            var row = s.RowOf(table.Time[i]);
            var open = s.Dynamic("Open")[row] == 1;
            Assert.Equal(open, !double.IsNaN(table.Actual[i]));
            if (open) Assert.Equal(s.Target[row], table.Actual[i]);
        }
        var scored = result.Table.Overall().Single();
        Assert.Equal(Enumerable.Range(0, table.Count).Count(i => !double.IsNaN(table.Actual[i])), scored.Metrics.Count);
        Assert.InRange(scored.Metrics.Rmspe, 0.05, 1.0);
        Assert.Empty(result.Failures);
    }
}
