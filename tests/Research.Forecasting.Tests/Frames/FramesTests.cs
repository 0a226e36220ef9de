using Microsoft.Data.Analysis;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Frames;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Baselines;
using Research.Forecasting.Reporting;

namespace Research.Forecasting.Tests.Frames;

public sealed class FramesTests
{
    private static readonly PanelSchema Schema = new()
    {
        Ids = ["store"],
        Time = "date",
        Frequency = Frequency.Daily,
        Target = "sales",
        Dynamic = ["promo", ColumnSpec.Category("holiday")],
        Static = [ColumnSpec.Category("type")],
    };

    private static DataFrame Frame(params (string Store, DateTime Date, double? Sales, double Promo, string Holiday, string Type)[] rows) => new(
        new StringDataFrameColumn("store", rows.Select(r => r.Store)),
        new PrimitiveDataFrameColumn<DateTime>("date", rows.Select(r => r.Date)),
        new DoubleDataFrameColumn("sales", rows.Select(r => r.Sales)),
        new DoubleDataFrameColumn("promo", rows.Select(r => (double?)r.Promo)),
        new StringDataFrameColumn("holiday", rows.Select(r => r.Holiday)),
        new StringDataFrameColumn("type", rows.Select(r => r.Type)));

    [Fact]
    public void A_frame_becomes_a_panel_and_the_panel_the_same_frame_again()
    {
        var frame = Frame(
            ("2", new DateTime(2015, 7, 2), 5.5, 1, "0", "a"),
            ("10", new DateTime(2015, 7, 1), 7, 0, "a", "c"),
            ("2", new DateTime(2015, 7, 1), null, 0, "0", "a"));
        var panel = frame.ToPanel(Schema);
        Assert.Equal(2, panel.SeriesCount);
        Assert.Equal(["2", "10"], panel.Series.Select(s => s.Id)); // numeric key order, as the file loader orders them
        var store2 = panel.Find("2");
        Assert.Equal([double.NaN, 5.5], store2.Target.ToArray());
        Assert.Equal("a", store2.StaticLabel("type"));

        var back = panel.ToDataFrame();
        Assert.Equal(["store", "time", "sales", "promo", "holiday", "type"], back.Columns.Select(c => c.Name));
        Assert.Equal(3, back.Rows.Count);
        Assert.Equal(["2", "2", "10"], back.Columns["store"].Cast<string>());
        Assert.Equal(new DateTime(2015, 7, 1), back.Columns["time"][0]);
        Assert.Null(back.Columns["sales"][0]);
        Assert.Equal(5.5, back.Columns["sales"][1]);
        Assert.Equal("a", back.Columns["holiday"][2]);
        Assert.Equal("c", back.Columns["type"][2]);
        Assert.Equal(panel.Find("10").Target.ToArray(), back.ToPanel(Schema with { Time = "time" }).Find("10").Target.ToArray());
    }

    [Fact]
    public void A_bad_value_in_a_frame_gets_the_located_error_a_file_would_get()
    {
        var frame = Frame(("2", new DateTime(2015, 7, 1), 1, 0, "0", "a"), ("2", new DateTime(2015, 7, 2), 2, 0, "0", "a"));
        frame.Columns.Remove("promo");
        frame.Columns.Add(new StringDataFrameColumn("promo", ["0", "yes"]));
        var e = Assert.Throws<DataFormatException>(() => frame.ToPanel(Schema, name: "sales frame"));
        Assert.Equal(("sales frame", 3L, "promo"), (e.File, e.Line, e.ColumnName)); // row 1 = line 3 below the header
        var missing = Assert.Throws<DataFormatException>(() => Frame(("2", new DateTime(2015, 7, 1), 1, 0, "0", "a")).ToPanel(Schema with { Target = "units" }));
        Assert.Contains("units", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_and_forecast_tables_become_typed_frames()
    {
        var table = new[] { new { Model = "arima", Mape = 71.4, Points = 10, Scored = true }, new { Model = "naive", Mape = 110.2, Points = 12, Scored = false } }.ToTable();
        var frame = table.ToDataFrame();
        Assert.IsType<StringDataFrameColumn>(frame.Columns["Model"]);
        Assert.IsType<DoubleDataFrameColumn>(frame.Columns["Mape"]);
        Assert.IsType<BooleanDataFrameColumn>(frame.Columns["Scored"]);
        Assert.Equal(12.0, frame.Columns["Points"][1]);

        var panel = Frame(
            ("1", new DateTime(2015, 7, 1), 1, 0, "0", "a"), ("1", new DateTime(2015, 7, 2), 2, 0, "0", "a"),
            ("1", new DateTime(2015, 7, 3), 4, 0, "0", "a"), ("1", new DateTime(2015, 7, 4), 8, 0, "0", "a")).ToPanel(Schema);
        var result = Backtester.Run(panel, [new LocalForecaster(new Naive())], new BacktestOptions { Horizon = 1, Rounds = 2, End = panel.MaxTime });
        var forecasts = result.Table.ToDataFrame();
        Assert.Equal(["series", "round", "cutoff", "time", "actual", "naive"], forecasts.Columns.Select(c => c.Name).Take(6));
        Assert.Equal(["2015-07-03", "2015-07-04"], forecasts.Columns["time"].Cast<string>());
        Assert.Equal([2.0, 4.0], forecasts.Columns["naive"].Cast<double?>().Select(v => v!.Value)); // naive: the last value
        Assert.Equal("series  round  cutoff      time        actual  naive", forecasts.AsTable().ToString().Split('\n')[0]);
    }
}
