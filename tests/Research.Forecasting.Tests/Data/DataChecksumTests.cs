using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Research.Forecasting.Data;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Data;

/// <summary>Every data file matches the rows and checksums that data/README.md states.</summary>
public sealed partial class DataChecksumTests
{
    public static TheoryData<string, long, string, string> Files()
    {
        var data = new TheoryData<string, long, string, string>();
        foreach (var line in File.ReadAllLines(Repo.Path("data", "README.md")))
        {
            var m = Row().Match(line);
            if (m.Success) data.Add(m.Groups["file"].Value, long.Parse(m.Groups["rows"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["content"].Value, m.Groups["md5"].Value);
        }
        return data;
    }

    [Fact]
    public void The_README_lists_every_data_file()
    {
        var listed = Files().Select(r => (string)r[0]).Order(StringComparer.Ordinal).ToArray();
        var onDisk = Directory.EnumerateFiles(Repo.Path("data"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Path("data"), f).Replace('\\', '/'))
            .Where(f => f != "README.md")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(onDisk, listed);
        Assert.Equal(5, listed.Length);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void File_matches_its_stated_checksums_and_row_count(string file, long rows, string contentMd5, string fileMd5)
    {
        var path = Repo.Path("data", file);
        Assert.Equal(fileMd5, Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path))));
        var content = DataFile.ReadAllBytes(path);
        Assert.Equal(contentMd5, Convert.ToHexStringLower(MD5.HashData(content)));
        var csv = new CsvReader(path, content);
        csv.ReadHeader();
        long n = 0;
        while (csv.Read()) n++;
        Assert.Equal(rows, n);
    }

    [GeneratedRegex(@"^\| `(?<file>[^`]+)` \| (?<rows>\d+) \| (?<content>[0-9a-f]{32}) \| (?<md5>[0-9a-f]{32}) \|")]
    private static partial Regex Row();
}
