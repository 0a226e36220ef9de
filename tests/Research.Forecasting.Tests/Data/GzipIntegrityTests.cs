using System.IO.Compression;
using System.Text;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Data;

/// <summary>
/// A damaged .csv.gz never loads as if it were complete: a file cut at a row boundary (where the decompressed text
/// ends exactly after a record, so nothing looks ragged), cut mid-row, cut inside the trailer, or with a damaged
/// checksum or length is an error naming the file and what is wrong with it.
/// </summary>
public sealed class GzipIntegrityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("research-gzip-").FullName;

    private static readonly PanelSchema Schema = new()
    {
        Ids = ["store"],
        Time = "date",
        Frequency = Frequency.Daily,
        Target = "sales",
    };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// 2,000 rows compressed with a sync flush after every 100, so a cut at a flush point leaves a stream whose
    /// decompressed content ends exactly at a row boundary. Returns the bytes and the compressed offset of each flush.
    /// </summary>
    private static (byte[] Bytes, List<long> Flushes, string Text) Flushed()
    {
        var text = new StringBuilder("store,date,sales\n");
        var flushes = new List<long>();
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(Encoding.UTF8.GetBytes(text.ToString()));
            for (var i = 0; i < 2000; i++)
            {
                var row = $"{i % 7 + 1},{new DateOnly(2015, 1, 1).AddDays(i / 7):yyyy-MM-dd},{100 + i % 13}\n";
                text.Append(row);
                gz.Write(Encoding.UTF8.GetBytes(row));
                if (i % 100 == 99)
                {
                    gz.Flush();
                    flushes.Add(ms.Length);
                }
            }
        }
        return (ms.ToArray(), flushes, text.ToString());
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static DataFormatException LoadFails(string path)
    {
        var e = Assert.Throws<DataFormatException>(() => PanelLoader.Load(path, Schema));
        Assert.Equal(path, e.File);
        Assert.Equal(0, e.Line);
        Assert.StartsWith($"{path}: the gzip data is ", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void A_complete_file_loads_every_row()
    {
        var (bytes, _, _) = Flushed();
        var panel = PanelLoader.Load(Write("ok.csv.gz", bytes), Schema);
        Assert.Equal(2000, panel.RowCount);
    }

    [Fact]
    public void Cut_at_a_row_boundary_is_truncated_not_half_the_data()
    {
        var (bytes, flushes, text) = Flushed();
        // the decompressed content of the cut file ends exactly after row 1,000: a valid-looking CSV
        var cut = bytes[..(int)flushes[9]];
        using (var partial = new GZipStream(new MemoryStream(cut), CompressionMode.Decompress))
        {
            var content = new StreamReader(partial).ReadToEnd();
            Assert.EndsWith("\n", content, StringComparison.Ordinal);
            Assert.Equal(1001, content.Count(c => c == '\n'));
            Assert.StartsWith(content, text, StringComparison.Ordinal);
        }
        var e = LoadFails(Write("cut-at-row.csv.gz", cut));
        Assert.StartsWith("the gzip data is truncated: the file ends inside its compressed stream", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Cut_mid_row_is_truncated_not_a_ragged_row(double fraction)
    {
        var (bytes, _, _) = Flushed();
        var e = LoadFails(Write("cut.csv.gz", bytes[..(int)(bytes.Length * fraction)]));
        Assert.StartsWith("the gzip data is truncated", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Cut_inside_the_trailer_is_truncated(int missing)
    {
        var (bytes, _, _) = Flushed();
        var e = LoadFails(Write("trailer.csv.gz", bytes[..^missing]));
        Assert.StartsWith("the gzip data is truncated", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6)] // a byte of the CRC-32
    [InlineData(2)] // a byte of the length
    public void A_damaged_checksum_or_length_is_corrupt(int fromEnd)
    {
        var (bytes, _, _) = Flushed();
        bytes[^fromEnd] ^= 0x5a;
        var e = LoadFails(Write("crc.csv.gz", bytes));
        Assert.Equal("the gzip data is corrupt: its deflate data is invalid or its CRC-32 or length check fails; the file was damaged: copy or download it again", e.Problem);
    }

    [Fact]
    public void Damage_in_the_middle_is_reported_as_damage_not_as_the_garbage_it_decodes_to()
    {
        var (bytes, _, _) = Flushed();
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 40; i++) bytes[i] ^= 0xA5;
        var e = LoadFails(Write("middle.csv.gz", bytes));
        Assert.Matches("^the gzip data is (corrupt|truncated)", e.Problem);
    }

    [Fact]
    public void Two_gzip_members_one_after_the_other_are_one_file()
    {
        static byte[] Gz(string s)
        {
            using var ms = new MemoryStream();
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(s));
            return ms.ToArray();
        }
        var path = Write("two.csv.gz", [.. Gz("store,date,sales\n1,2015-01-01,3\n"), .. Gz("1,2015-01-02,4\n")]);
        var panel = PanelLoader.Load(path, Schema);
        Assert.Equal([3.0, 4.0], panel[0].Target.ToArray());
    }

    [Fact]
    public void The_in_memory_reader_checks_the_same_way()
    {
        var (bytes, flushes, _) = Flushed();
        var path = Write("cut.csv.gz", bytes[..(int)flushes[3]]);
        var e = Assert.Throws<DataFormatException>(() => DataFile.ReadAllBytes(path));
        Assert.StartsWith($"{path}: the gzip data is truncated", e.Message, StringComparison.Ordinal);
        Assert.Equal(Flushed().Text, Encoding.UTF8.GetString(DataFile.ReadAllBytes(Write("ok.csv.gz", bytes))));
    }
}
