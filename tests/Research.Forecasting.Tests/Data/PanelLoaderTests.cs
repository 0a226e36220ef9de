using Research.Forecasting.Data;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Data;

public sealed class PanelLoaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly PanelSchema Schema = new()
    {
        Ids = ["store", "brand"],
        Time = "week",
        Frequency = Frequency.Periods,
        Target = "units",
        Dynamic = ["price", ColumnSpec.Category("holiday")],
        Static = [ColumnSpec.Category("region")],
    };

    [Fact]
    public void Series_are_ordered_by_key_numerically_and_rows_by_time()
    {
        // rows deliberately out of order; store 10 must sort after store 2
        var path = _files.Write("p.csv",
            "store,brand,week,units,price,holiday,region\n" +
            "10,1,41,5,1.5,no,north\n" +
            "2,1,42,3,2.5,yes,south\n" +
            "2,1,40,1,2.0,no,south\n" +
            "10,1,40,4,1.0,no,north\n" +
            "2,1,41,2,2.25,no,south\n");
        var p = PanelLoader.Load(path, Schema);
        Assert.Equal(2, p.SeriesCount);
        Assert.Equal(5, p.RowCount);
        Assert.Equal(["2", "1"], p[0].Key);
        Assert.Equal(["10", "1"], p[1].Key);
        Assert.Equal([40L, 41, 42], p[0].Time.ToArray());
        Assert.Equal([1.0, 2, 3], p[0].Target.ToArray());
        Assert.Equal([2.0, 2.25, 2.5], p[0].Dynamic("price").ToArray());
        Assert.Equal([4.0, 5], p[1].Target.ToArray());
        // categorical levels are sorted, codes refer to them
        var holiday = p.DynamicColumns[p.DynamicIndex("holiday")];
        Assert.Equal(["no", "yes"], holiday.Levels);
        Assert.Equal([0.0, 0, 1], p[0].Dynamic("holiday").ToArray());
        Assert.Equal("south", p[0].StaticLabel("region"));
        Assert.Equal("north", p[1].StaticLabel("region"));
        Assert.Equal(40, p.MinTime);
        Assert.Equal(42, p.MaxTime);
    }

    [Fact]
    public void Descending_file_order_is_reversed_per_series()
    {
        var path = _files.Write("d.csv", "store,date,sales\n1,2015-01-03,3\n2,2015-01-03,30\n1,2015-01-02,2\n2,2015-01-02,20\n1,2015-01-01,1\n");
        var p = PanelLoader.Load(path, new PanelSchema { Ids = ["store"], Time = "date", Frequency = Frequency.Daily, Target = "sales" });
        Assert.Equal([1.0, 2, 3], p.Find("1").Target.ToArray());
        Assert.Equal([20.0, 30], p.Find("2").Target.ToArray());
        Assert.Equal("2015-01-01", p.Frequency.Format(p.Find("1").FirstTime));
    }

    [Fact]
    public void Quoted_fields_with_commas_and_escaped_quotes_are_read()
    {
        var path = _files.Write("q.csv", "id,t,y,label\n\"a,b\",1,\"1.5\",\"say \"\"hi\"\"\"\r\n\"a,b\",2,2,x\r\n");
        var p = PanelLoader.Load(path, new PanelSchema { Ids = ["id"], Time = "t", Frequency = Frequency.Periods, Target = "y", Dynamic = [ColumnSpec.Category("label")] });
        Assert.Equal("a,b", p[0].Key[0]);
        Assert.Equal([1.5, 2], p[0].Target.ToArray());
        Assert.Equal(["say \"hi\"", "x"], p.DynamicColumns[0].Levels);
    }

    [Fact]
    public void Gzip_and_plain_files_load_identically()
    {
        const string content = "store,date,sales\n1,2015-01-01,1\n1,2015-01-02,2\n";
        var a = PanelLoader.Load(_files.Write("a.csv", content), new PanelSchema { Ids = ["store"], Time = "date", Frequency = Frequency.Daily, Target = "sales" });
        var b = PanelLoader.Load(_files.Write("a.csv.gz", content), new PanelSchema { Ids = ["store"], Time = "date", Frequency = Frequency.Daily, Target = "sales" });
        Assert.Equal(a[0].Target.ToArray(), b[0].Target.ToArray());
        Assert.Equal(a[0].Time.ToArray(), b[0].Time.ToArray());
    }
}
