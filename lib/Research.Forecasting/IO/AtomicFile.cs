using System.Globalization;
using System.Text;

namespace Research.Forecasting.IO;

/// <summary>
/// Writes a file through a temporary file in the same folder and a rename, so a reader never sees half a file and
/// a failed write leaves the previous file as it was.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(content);
        });

    /// <summary>Writes whatever <paramref name="write"/> puts into the stream, then moves the file into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + string.Create(CultureInfo.InvariantCulture, $".{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
        try
        {
            using (var file = File.Create(temp)) write(file);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
