using System.Text;
using Research.Forecasting.Data;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Data;

/// <summary>
/// The streaming reader (1 MiB buffer) sees exactly what the in-memory reader sees: the same fields and physical line
/// numbers, for records that straddle buffer boundaries, quoted fields with commas, quotes and line breaks, CRLF line
/// ends, a byte-order mark, and one record longer than the buffer.
/// </summary>
public sealed class StreamingCsvTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Content()
    {
        var random = new Random(7);
        var sb = new StringBuilder("\uFEFFid,text,value\r\n");
        for (var i = 0; i < 60_000; i++)
        {
            var text = (i % 5) switch
            {
                0 => $"\"a, b \"\"quoted\"\"\"",
                1 => $"\"two\nlines {i}\"",
                2 => "",
                3 => new string('x', random.Next(1, 200)),
                _ => $"plain{i}",
            };
            sb.Append(i).Append(',').Append(text).Append(',').Append(random.NextDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            sb.Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i == 30_000) sb.Append(i).Append(",\"").Append('y', 1_500_000).Append("\",1\n"); // longer than the buffer
        }
        return sb.ToString();
    }

    private static List<(int Line, string[] Fields)> ReadAll(CsvReader csv)
    {
        var rows = new List<(int, string[])>();
        while (csv.Read())
        {
            var f = new string[csv.FieldCount];
            for (var i = 0; i < f.Length; i++) f[i] = csv.GetString(i);
            rows.Add((csv.Line, f));
        }
        return rows;
    }

    [Theory]
    [InlineData("big.csv")]
    [InlineData("big.csv.gz")]
    public void Streaming_and_in_memory_readers_agree(string name)
    {
        var content = Content();
        var path = _files.Write(name, content);
        Assert.True(new FileInfo(path).Length > 1 << 20 || name.EndsWith(".gz", StringComparison.Ordinal));
        using var streamed = CsvReader.Open(path);
        var a = ReadAll(streamed);
        var b = ReadAll(new CsvReader(path, DataFile.ReadAllBytes(path)));
        Assert.Equal(60_002, a.Count);
        Assert.Equal(b.Count, a.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(b[i].Line, a[i].Line);
            Assert.Equal(b[i].Fields, a[i].Fields);
        }
        Assert.Equal(["id", "text", "value"], a[0].Fields);
        Assert.Equal("a, b \"quoted\"", a[1].Fields[1]);
        Assert.Equal("two\nlines 1", a[2].Fields[1]);
        Assert.Equal(1_500_000, a.Single(r => r.Fields[1].StartsWith('y')).Fields[1].Length);
        // the physical line of the last record: every "two lines" field adds one
        Assert.Equal(1 + 60_001 + 12_000, a[^1].Line);
    }

    [Fact]
    public void A_file_without_a_final_newline_reads_its_last_record()
    {
        var path = _files.Write("last.csv", "a,b\n1,2\n3,4");
        using var csv = CsvReader.Open(path);
        var rows = ReadAll(csv);
        Assert.Equal(["3", "4"], rows[^1].Fields);
        Assert.Equal(3, rows[^1].Line);
    }

    [Fact]
    public void An_unclosed_quote_at_the_end_of_a_streamed_file_names_its_line()
    {
        var body = new StringBuilder("a,b\n");
        for (var i = 0; i < 100_000; i++) body.Append(i).Append(",x\n");
        body.Append("7,\"never closed\n");
        var path = _files.Write("open.csv", body.ToString());
        using var csv = CsvReader.Open(path);
        var e = Assert.Throws<DataFormatException>(() => ReadAll(csv));
        Assert.Equal(100_002, e.Line);
        Assert.Contains("a quoted field opened on line 100002 is never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Booleans_load_as_one_and_zero_and_anything_else_is_located()
    {
        var schema = new PanelSchema
        {
            Ids = ["s"], Time = "t", Frequency = Frequency.Periods, Target = "y",
            Dynamic = [ColumnSpec.Boolean("holiday"), ColumnSpec.Boolean("flag", allowMissing: true)],
        };
        var ok = _files.Write("bool.csv", "s,t,y,holiday,flag\n1,1,5,TRUE,\n1,2,6,false,T\n1,3,7,1,f\n1,4,8,False,0\n");
        var panel = PanelLoader.Load(ok, schema);
        Assert.Equal([1.0, 0, 1, 0], panel[0].Dynamic("holiday").ToArray());
        Assert.Equal([double.NaN, 1, 0, 0], panel[0].Dynamic("flag").ToArray());
        var bad = _files.Write("badbool.csv", "s,t,y,holiday,flag\n1,1,5,TRUE,\n1,2,6,yes,T\n");
        var e = Assert.Throws<DataFormatException>(() => PanelLoader.Load(bad, schema));
        Assert.Equal($"{bad}, line 3, column 4 (holiday): 'yes' is not a boolean (TRUE/FALSE, T/F or 1/0)", e.Message);
    }

    [Theory]
    [InlineData("FALSE", "'FALSE' is not a number (a true/false column: declare it boolean)")]
    [InlineData("A", "'A' is not a number (a text column: declare it categorical)")]
    [InlineData("1.2.3", "'1.2.3' is not a number")]
    public void A_number_column_with_text_says_what_to_declare(string value, string problem)
    {
        var schema = new PanelSchema { Ids = ["s"], Time = "t", Frequency = Frequency.Periods, Target = "y", Dynamic = ["x"] };
        var path = _files.Write("x.csv", $"s,t,y,x\n1,1,5,0\n1,2,6,{value}\n");
        var e = Assert.Throws<DataFormatException>(() => PanelLoader.Load(path, schema));
        Assert.Equal($"{path}, line 3, column 4 (x): {problem}", e.Message);
    }

    [Fact]
    public void A_target_bound_stops_the_load_at_the_first_value_on_or_below_it()
    {
        var schema = new PanelSchema
        {
            Ids = ["s"], Time = "t", Frequency = Frequency.Periods, Target = "y",
            TargetBound = new TargetBound(0, "the log transform needs values above 0"),
        };
        var path = _files.Write("neg.csv", "s,t,y\n1,1,5\n1,2,\n1,3,-3.5\n1,4,0\n");
        var e = Assert.Throws<DataFormatException>(() => PanelLoader.Load(path, schema));
        Assert.Equal($"{path}, line 4, column 3 (y): -3.5 is not above 0: the log transform needs values above 0", e.Message);
        // a missing target is not a value: it passes the bound
        var fine = _files.Write("fine.csv", "s,t,y\n1,1,5\n1,2,\n");
        Assert.Equal(2, PanelLoader.Load(fine, schema).RowCount);
    }

    [Fact]
    public void A_folder_given_as_the_data_file_is_named()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CsvReader.Open(Path.GetTempPath()));
        Assert.EndsWith("is a folder, not a data file", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// The two ways the loader grows its columns (exact arrays sized by a plain file's line count, chunks for gzip) give
/// the same panel; the line count is an upper bound of the records even with quoted line breaks and blank lines.
/// </summary>
public sealed class LoaderColumnTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Plain_and_gzip_files_load_the_same_panel()
    {
        var sb = new StringBuilder("s,t,y,note\n");
        var random = new Random(3);
        // rows in time-major order, so the loader must regroup them by series; a blank line and quoted line breaks
        for (var t = 1; t <= 400; t++)
            for (var s = 1; s <= 50; s++)
                sb.Append(s).Append(',').Append(t).Append(',').Append(random.Next(1000)).Append(',').Append(t % 97 == 0 ? "\"a\nb\"" : "x").Append('\n');
        sb.Append('\n');
        var content = sb.ToString();
        var schema = new PanelSchema { Ids = ["s"], Time = "t", Frequency = Frequency.Periods, Target = "y", Dynamic = [ColumnSpec.Category("note")] };
        var plain = PanelLoader.Load(_files.Write("p.csv", content), schema);
        var gzip = PanelLoader.Load(_files.Write("p.csv.gz", content), schema);
        Assert.Equal(20_000, plain.RowCount);
        Assert.Equal(plain.RowCount, gzip.RowCount);
        for (var i = 0; i < plain.SeriesCount; i++)
        {
            Assert.Equal(plain[i].Time.ToArray(), gzip[i].Time.ToArray());
            Assert.Equal(plain[i].Target.ToArray(), gzip[i].Target.ToArray());
            Assert.Equal(plain[i].Dynamic(0).ToArray(), gzip[i].Dynamic(0).ToArray());
        }
        using var csv = CsvReader.Open(_files.Write("q.csv", content));
        csv.ReadHeader();
        // lines after the header: 20,000 records + 4·50 quoted line breaks + a blank line + the empty end
        Assert.Equal(20_000 + 200 + 1 + 1, csv.CountRecordsUpperBound());
        using var gz = CsvReader.Open(_files.Write("q.csv.gz", content));
        Assert.Null(gz.CountRecordsUpperBound());
    }
}
