using Research.Forecasting.Data;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Data;

/// <summary>Every kind of bad input stops the load with an error naming file, line and column.</summary>
public sealed class PanelLoaderErrorTests : IDisposable
{
    private readonly TempFiles _files = new();

    private static readonly PanelSchema Daily = new()
    {
        Ids = ["store"],
        Time = "date",
        Frequency = Frequency.Daily,
        Target = "sales",
        Dynamic = ["promo"],
        TargetAllowsMissing = false,
    };

    public void Dispose() => _files.Dispose();

    private DataFormatException Fail(string content, PanelSchema? schema = null, string name = "bad.csv")
    {
        var path = _files.Write(name, content);
        var e = Assert.Throws<DataFormatException>(() => PanelLoader.Load(path, schema ?? Daily));
        Assert.Equal(path, e.File);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        return e;
    }

    private static void AssertAt(DataFormatException e, int line, int column, string columnName)
    {
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(columnName, e.ColumnName);
        Assert.Contains($"line {line}, column {column} ({columnName})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_column_names_the_column_and_lists_the_header()
    {
        var e = Fail("store,date,promo\n1,2015-01-01,0\n");
        Assert.Equal(1, e.Line);
        Assert.Equal("sales", e.ColumnName);
        Assert.Contains("required column 'sales' is missing; the header has: store, date, promo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparsable_number_names_line_and_column()
    {
        var e = Fail("store,date,sales,promo\n1,2015-01-01,10,0\n1,2015-01-02,1O5,0\n");
        AssertAt(e, 3, 3, "sales");
        Assert.Contains("'1O5' is not a number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparsable_date_names_line_and_column()
    {
        var e = Fail("store,date,sales,promo\n1,2015-01-01,10,0\n1,01/02/2015,11,0\n");
        AssertAt(e, 3, 2, "date");
        Assert.Contains("'01/02/2015' is not a date in the form yyyy-MM-dd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_calendar_date_is_rejected()
    {
        var e = Fail("store,date,sales,promo\n1,2015-02-30,10,0\n");
        AssertAt(e, 2, 2, "date");
        Assert.Contains("not a valid calendar date", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_an_error_at_line_1()
    {
        var e = Fail("");
        Assert.Equal(1, e.Line);
        Assert.Contains("the file is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_gzip_file_is_an_error_too()
    {
        var e = Fail("", name: "bad.csv.gz");
        Assert.Contains("the file is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_without_rows_is_an_error_at_line_2()
    {
        var e = Fail("store,date,sales,promo\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("no data rows", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_series_time_key_names_both_lines()
    {
        var e = Fail("store,date,sales,promo\n1,2015-01-01,10,0\n2,2015-01-01,11,0\n1,2015-01-02,12,0\n1,2015-01-01,13,1\n");
        AssertAt(e, 5, 2, "date");
        Assert.Contains("duplicate (series, time) key: store=1, date=2015-01-01 is also on line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_off_the_weekly_grid_breaks_the_frequency()
    {
        var weekly = Daily with { Frequency = Frequency.Weekly(DayOfWeek.Monday) };
        // 2015-01-05 and 2015-01-12 are Mondays; 2015-01-15 is a Thursday, three days after the last week start
        var e = Fail("store,date,sales,promo\n1,2015-01-05,10,0\n1,2015-01-12,11,0\n1,2015-01-15,12,0\n", weekly);
        AssertAt(e, 4, 2, "date");
        Assert.Contains("2015-01-15 breaks the declared frequency: it is a Thursday, but the weekly frequency has weeks starting on Monday", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_of_day_breaks_a_daily_frequency()
    {
        var e = Fail("store,date,sales,promo\n1,2015-01-05 08:30:00,10,0\n");
        AssertAt(e, 2, 2, "date");
        Assert.Contains("has a time of day", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_integer_period_is_rejected()
    {
        var periods = Daily with { Frequency = Frequency.Periods };
        var e = Fail("store,date,sales,promo\n1,40,10,0\n1,41.5,10,0\n", periods);
        AssertAt(e, 3, 2, "date");
        Assert.Contains("'41.5' is not an integer period", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Non_finite_value_is_rejected(string value)
    {
        var e = Fail($"store,date,sales,promo\n1,2015-01-01,10,0\n1,2015-01-02,{value},0\n");
        AssertAt(e, 3, 3, "sales");
        Assert.Contains($"'{value}' is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("NaN")]
    public void Missing_value_where_one_is_required_is_rejected(string value)
    {
        var e = Fail($"store,date,sales,promo\n1,2015-01-01,10,{value}\n");
        AssertAt(e, 2, 4, "promo");
        Assert.Contains("a value is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_target_is_NaN_when_the_schema_allows_it()
    {
        var path = _files.Write("ok.csv", "store,date,sales,promo\n1,2015-01-01,,0\n1,2015-01-02,3,1\n");
        var panel = PanelLoader.Load(path, Daily with { TargetAllowsMissing = true });
        Assert.True(double.IsNaN(panel[0].Target[0]));
        Assert.Equal(3, panel[0].Target[1]);
    }

    [Fact]
    public void Wrong_number_of_fields_names_the_line()
    {
        var e = Fail("store,date,sales,promo\n1,2015-01-01,10,0\n1,2015-01-02,10\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("the record has 3 fields but the header has 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_quote_names_the_line_it_opened_on()
    {
        var e = Fail("store,date,sales,promo\n1,2015-01-01,10,0\n\"1,2015-01-02,10,0\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Static_that_varies_within_a_series_names_both_lines()
    {
        var schema = Daily with { Static = ["region"] };
        var e = Fail("store,date,sales,promo,region\n1,2015-01-01,10,0,7\n1,2015-01-02,10,0,8\n", schema);
        AssertAt(e, 3, 5, "region");
        Assert.Contains("varies within series store=1: '8' here but '7' on line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_gzip_files_name_the_line_of_the_uncompressed_content()
    {
        var e = Fail("store,date,sales,promo\n1,2015-01-01,10,0\n1,2015-01-02,x,0\n", name: "bad.csv.gz");
        AssertAt(e, 3, 3, "sales");
    }

    [Fact]
    public void Line_numbers_count_newlines_inside_quoted_fields()
    {
        var schema = Daily with { Dynamic = [ColumnSpec.Category("promo")] };
        var e = Fail("store,date,sales,promo\n1,2015-01-01,10,\"two\nlines\"\n1,2015-01-02,bad,x\n", schema);
        AssertAt(e, 4, 3, "sales");
    }

    [Fact]
    public void Schema_mistakes_name_the_schema_property()
    {
        var path = _files.Write("ok.csv", "store,date,sales,promo\n1,2015-01-01,10,0\n");
        var e = Assert.Throws<ArgumentException>(() => PanelLoader.Load(path, Daily with { Dynamic = ["promo", "sales"] }));
        Assert.Equal("Dynamic", e.ParamName);
        Assert.Contains("column 'sales' is used as the target and again as a dynamic covariate", e.Message, StringComparison.Ordinal);
        var ids = Assert.Throws<ArgumentException>(() => PanelLoader.Load(path, Daily with { Ids = [] }));
        Assert.Equal("Ids", ids.ParamName);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var e = Assert.Throws<FileNotFoundException>(() => PanelLoader.Load("no/such/file.csv", Daily));
        Assert.Contains("no/such/file.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_gzip_is_reported_with_the_file()
    {
        var path = _files.Write("corrupt.csv.gz", "x");
        var bytes = File.ReadAllBytes(path);
        bytes[^6] ^= 0xFF;
        bytes[10] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var e = Assert.ThrowsAny<Exception>(() => PanelLoader.Load(path, Daily));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
