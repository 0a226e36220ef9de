using System.IO.Compression;
using System.Text;

namespace Research.Forecasting.Data;

/// <summary>
/// Decompresses a gzip file (one or more members) and fails loudly when the file is truncated or corrupt.
/// .NET's <see cref="GZipStream"/> checks each member's CRC-32 and length once it reaches the member's end, but a
/// stream that simply stops (a file cut short by an interrupted copy or download) ends without any error: half the
/// data would load and look complete. To tell the two apart, a small sentinel member is appended after the file's
/// bytes: a complete file is followed by the sentinel's content, a truncated one never gets there (its last deflate
/// block swallows the sentinel as garbage, or the sentinel's bytes fail the missing trailer's checks). The sentinel
/// is withheld from the output.
/// </summary>
public sealed class CheckedGzipStream : Stream
{
    private static readonly byte[] SentinelContent = Encoding.ASCII.GetBytes("\u0000research:end-of-gzip-data\u0000");
    private static readonly byte[] SentinelMember = Compress(SentinelContent);

    private readonly string _path;
    private readonly GZipStream _gzip;
    private readonly ConcatenatedStream _input;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _count;
    private bool _eof;
    private bool _verified;
    private long _delivered;

    /// <param name="compressed">The gzip file's bytes, from the start.</param>
    /// <param name="path">The file's path, for messages.</param>
    public CheckedGzipStream(Stream compressed, string path)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        _path = path;
        _input = new ConcatenatedStream(compressed, new MemoryStream(SentinelMember, writable: false));
        _gzip = new GZipStream(_input, CompressionMode.Decompress);
    }

    /// <summary>True when <paramref name="head"/> starts with the gzip magic bytes.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    /// <summary>Reads to the end, discarding the data, so that a truncated or corrupt file throws.</summary>
    public void VerifyToEnd()
    {
        var sink = new byte[1 << 16];
        while (Read(sink, 0, sink.Length) > 0) { }
    }

    /// <summary>Whether the whole stream was read and found complete.</summary>
    public bool Verified => _verified;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        var hold = SentinelContent.Length;
        while (true)
        {
            if (_eof)
            {
                if (!_verified) Verify();
                var left = Math.Min(_count - _start, destination.Length);
                if (left <= 0) return 0;
                _buffer.AsSpan(_start, left).CopyTo(destination);
                _start += left;
                _delivered += left;
                return left;
            }
            var available = _count - _start - hold;
            if (available > 0 && destination.Length > 0)
            {
                var n = Math.Min(available, destination.Length);
                _buffer.AsSpan(_start, n).CopyTo(destination);
                _start += n;
                _delivered += n;
                return n;
            }
            if (destination.Length == 0) return 0;
            // keep the withheld tail, read more behind it
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _count - _start);
                _count -= _start;
                _start = 0;
            }
            int read;
            try
            {
                read = _gzip.Read(_buffer, _count, _buffer.Length - _count);
            }
            catch (InvalidDataException)
            {
                // past the file's last byte (in the sentinel) the stream was still unfinished: the file is cut short
                if (_input.SecondStarted) throw Truncated(_delivered + _count);
                throw new DataFormatException(_path, 0, 0, null,
                    "the gzip data is corrupt: its deflate data is invalid or its CRC-32 or length check fails; the file was damaged: copy or download it again");
            }
            if (read == 0) _eof = true;
            else _count += read;
        }
    }

    // At the end of the data: the withheld tail must be exactly the sentinel's content; it is then dropped.
    private void Verify()
    {
        var hold = SentinelContent.Length;
        var tail = _count - _start;
        if (tail < hold || !_buffer.AsSpan(_count - hold, hold).SequenceEqual(SentinelContent))
            throw Truncated(_delivered + Math.Max(0, tail - hold));
        _count -= hold;
        _verified = true;
    }

    private DataFormatException Truncated(long decompressed) =>
        new(_path, 0, 0, null,
            $"the gzip data is truncated: the file ends inside its compressed stream, before the end marker, CRC-32 and length (about {decompressed} bytes could be decompressed); it was cut short (an interrupted copy or download?) or damaged near its end: copy or download it again");

    private static byte[] Compress(byte[] content)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(content);
        return ms.ToArray();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _delivered; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>One stream after the other (the file, then the sentinel member).</summary>
    private sealed class ConcatenatedStream(Stream first, Stream second) : Stream
    {
        private bool _firstDone;

        /// <summary>Whether any byte of the second stream was asked for.</summary>
        public bool SecondStarted => _firstDone;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            if (!_firstDone)
            {
                var n = first.Read(destination);
                if (n > 0) return n;
                _firstDone = true;
            }
            return second.Read(destination);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                first.Dispose();
                second.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
