using System.Security.Cryptography;
using System.Text;

namespace Research.Forecasting.IO;

/// <summary>
/// Identifies a run by what determines its results: the tool's options and the digests of its input files. The
/// same command on the same data gets the same id on any machine (so byte-identical metrics files stay
/// byte-identical), two different runs get different ids.
/// </summary>
public static class RunId
{
    /// <summary>The first 16 hex digits of the SHA-256 of the parts, each prefixed by its length.</summary>
    public static string For(IEnumerable<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sb = new StringBuilder();
        foreach (var p in parts) sb.Append(p.Length).Append(':').Append(p).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    /// <summary>The SHA-256 of a file's bytes, in lower-case hex.</summary>
    public static string FileSha256(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
