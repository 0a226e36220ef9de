using System.Globalization;
using System.Text;

namespace Research.Forecasting.Charts;

/// <summary>Writes a file through a temporary file in the same folder and a rename, so readers never see half a file.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + string.Create(CultureInfo.InvariantCulture, $".{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
