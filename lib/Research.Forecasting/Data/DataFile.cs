using System.Buffers.Binary;
using Research.Contracts;

namespace Research.Forecasting.Data;

/// <summary>Opens and reads data files, decompressing gzip (by magic bytes, not by name) with truncation and corruption checks.</summary>
public static class DataFile
{
    /// <summary>Opens <paramref name="path"/> for sequential reading; a missing file or a folder is a clear error naming the path.</summary>
    public static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new FileNotFoundException($"{path}: is a folder, not a data file", path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: file not found (working directory {Environment.CurrentDirectory})", path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        Record(stream.Name);
        return stream;
    }

    private static readonly AsyncLocal<DataFileLog?> Current = new();
    private static readonly Lock LogGate = new();

    /// <summary>
    /// Starts recording the data files opened from here on (in this flow of execution, including the tasks it starts)
    /// until the returned log is disposed; logs nest (an outer log sees what an inner one records).
    /// </summary>
    public static DataFileLog Track()
    {
        var log = new DataFileLog(Current.Value, l => Current.Value = l);
        Current.Value = log;
        return log;
    }

    private static void Record(string fullPath)
    {
        for (var log = Current.Value; log is not null; log = log.Outer) log.Add(fullPath);
        if (Environment.GetEnvironmentVariable(NotebookEnvironment.DataLog) is { Length: > 0 } file)
        {
            lock (LogGate)
            {
                try { File.AppendAllText(file, fullPath + "\n"); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>
    /// The uncompressed size a gzip file's trailer states (modulo 2^32, so only a hint; a truncated file has no
    /// trailer at all). Leaves the stream at position 0.
    /// </summary>
    public static long GzipSizeHint(FileStream file)
    {
        if (file.Length < 18) return 1 << 16;
        Span<byte> tail = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(tail);
        file.Position = 0;
        long isize = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        // a file over 4 GiB uncompressed wraps; gzip rarely compresses CSV by more than 20x
        while (isize < file.Length) isize += 1L << 32;
        return isize;
    }

    /// <summary>
    /// The bytes of <paramref name="path"/>, gunzipped when the file starts with the gzip magic (a truncated or
    /// corrupt gzip file is a <see cref="DataFormatException"/>), with a UTF-8 byte-order mark removed. The returned
    /// memory may be longer than the content (only the first <c>Length</c> bytes of the segment count).
    /// </summary>
    public static ArraySegment<byte> ReadAllBytes(string path)
    {
        using var file = OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        var n = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        ArraySegment<byte> data;
        if (n == 2 && CheckedGzipStream.IsGzip(head))
        {
            var buffer = new byte[(int)Math.Clamp(GzipSizeHint(file) + 1, 1L << 16, Array.MaxLength)];
            var length = 0;
            using var gzip = new CheckedGzipStream(file, path);
            while (true)
            {
                if (length == buffer.Length)
                    Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, buffer.Length * 2L));
                var read = gzip.Read(buffer, length, buffer.Length - length);
                if (read == 0) break;
                length += read;
            }
            data = new ArraySegment<byte>(buffer, 0, length);
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
}
