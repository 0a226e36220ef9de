using System.Buffers.Binary;
using System.IO.Compression;

namespace Research.Forecasting.Data;

/// <summary>Reads a whole data file into memory, decompressing gzip (by magic bytes, not by name).</summary>
public static class DataFile
{
    /// <summary>
    /// The bytes of <paramref name="path"/>, gunzipped when the file starts with the gzip magic,
    /// with a UTF-8 byte-order mark removed. The returned memory may be longer than the content
    /// (only the first <c>Length</c> bytes of the segment count).
    /// </summary>
    public static ArraySegment<byte> ReadAllBytes(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: file not found (working directory {Environment.CurrentDirectory})", path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var head = new byte[2];
        var n = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        ArraySegment<byte> data;
        if (n == 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            data = Gunzip(file, path);
        }
        else
        {
            var buffer = new byte[file.Length];
            file.ReadExactly(buffer);
            data = new ArraySegment<byte>(buffer);
        }
        if (data.Count >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
            data = data.Slice(3);
        return data;
    }

    private static ArraySegment<byte> Gunzip(FileStream file, string path)
    {
        // The gzip trailer holds the uncompressed size modulo 2^32: a good first guess for the buffer.
        var guess = 1 << 20;
        if (file.Length >= 18)
        {
            Span<byte> tail = stackalloc byte[4];
            file.Position = file.Length - 4;
            file.ReadExactly(tail);
            file.Position = 0;
            var isize = BinaryPrimitives.ReadUInt32LittleEndian(tail);
            guess = (int)Math.Clamp(isize + 1L, 1L << 16, Array.MaxLength);
        }
        var buffer = new byte[guess];
        var length = 0;
        try
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            while (true)
            {
                if (length == buffer.Length)
                    Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, buffer.Length * 2L));
                var read = gzip.Read(buffer, length, buffer.Length - length);
                if (read == 0) break;
                length += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, 0, 0, null, $"not a valid gzip file ({e.Message})");
        }
        return new ArraySegment<byte>(buffer, 0, length);
    }
}
