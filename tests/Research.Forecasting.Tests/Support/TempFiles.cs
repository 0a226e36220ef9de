using System.IO.Compression;
using System.Text;

namespace Research.Forecasting.Tests.Support;

/// <summary>Small input files written for one test and deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("research-tests-").FullName;

    /// <summary>Writes <paramref name="content"/> (LF line ends as given) to a file named <paramref name="name"/>.</summary>
    public string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gz = new GZipStream(file, CompressionLevel.Fastest);
            gz.Write(Encoding.UTF8.GetBytes(content));
        }
        else
        {
            File.WriteAllText(path, content, new UTF8Encoding(false));
        }
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }
}
