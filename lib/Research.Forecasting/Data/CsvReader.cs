using System.Runtime.CompilerServices;
using System.Text;

namespace Research.Forecasting.Data;

/// <summary>
/// A fast RFC 4180 reader of UTF-8 CSV: comma separated, double-quote quoting with <c>""</c> escapes, LF or CRLF
/// line ends, quoted fields may span lines. It tracks the physical line of every record so errors can point at the
/// file, line and column. <see cref="Open"/> streams the file through a buffer (a gzip file through
/// <see cref="CheckedGzipStream"/>, so a truncated or corrupt one is an error, never half the data); the
/// constructor reads from memory. Field spans stay valid until the next <see cref="Read"/>.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private const int BufferSize = 1 << 20;

    private byte[] _data;
    private int _end;
    private int _pos;
    private int _nextLine = 1;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private bool[] _escaped = new bool[16];
    private byte[] _scratch = new byte[256];

    private readonly ArraySegment<byte> _segment;
    private Stream? _stream;
    private bool _eof;
    private bool _started;
    private readonly long _totalBytes;
    private long _discarded; // bytes dropped from the front of the buffer so far (stream mode)
    private readonly bool _plainFile;

    /// <summary>A reader over content already in memory (a UTF-8 byte-order mark is not removed here).</summary>
    public CsvReader(string file, ArraySegment<byte> data)
    {
        File = file;
        _segment = data;
        _data = data.Array ?? [];
        _pos = data.Offset;
        _end = data.Offset + data.Count;
        _eof = true;
        _started = true;
        _totalBytes = data.Count;
    }

    private CsvReader(string file, Stream stream, long totalBytes)
    {
        File = file;
        _stream = stream;
        _plainFile = stream is FileStream;
        _data = GC.AllocateUninitializedArray<byte>(BufferSize);
        _totalBytes = totalBytes;
    }

    /// <summary>A new reader over the same content, positioned at the start (for a second pass on an error path).</summary>
    public CsvReader Reopen() => _segment.Array is null ? Open(File) : new(File, _segment);

    /// <summary>
    /// The physical lines on which the data records with the given 0-based indexes (header excluded) start,
    /// found by reading the content again from the start.
    /// </summary>
    public int[] LinesOfRecords(params int[] records)
    {
        var lines = new int[records.Length];
        using var again = Reopen();
        again.ReadHeader();
        var index = 0;
        var wanted = records.Max();
        while (index <= wanted && again.Read())
        {
            for (var k = 0; k < records.Length; k++) if (records[k] == index) lines[k] = again.Line;
            index++;
        }
        return lines;
    }

    /// <summary>
    /// Opens <paramref name="path"/> for streaming: plain CSV, or gzip-compressed (recognised by its magic bytes,
    /// not its name) and checked for truncation and corruption. A UTF-8 byte-order mark is skipped.
    /// </summary>
    public static CsvReader Open(string path)
    {
        var file = DataFile.OpenRead(path);
        try
        {
            Span<byte> head = stackalloc byte[2];
            var n = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            file.Position = 0;
            if (n == 2 && CheckedGzipStream.IsGzip(head))
                return new CsvReader(path, new CheckedGzipStream(file, path), DataFile.GzipSizeHint(file));
            return new CsvReader(path, file, file.Length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public string File { get; }

    /// <summary>Physical 1-based line on which the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Header names, after <see cref="ReadHeader"/>.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>Reads the first record as the header. Throws a <see cref="DataFormatException"/> on an empty file.</summary>
    public IReadOnlyList<string> ReadHeader()
    {
        if (!Read())
            throw new DataFormatException(File, 1, 0, null, "the file is empty (no header line)");
        var names = new string[FieldCount];
        for (var i = 0; i < names.Length; i++) names[i] = GetString(i).Trim();
        Header = names;
        return names;
    }

    /// <summary>A guess at the number of records left, from the bytes left and the length of the current record.</summary>
    public int EstimateRemainingRecords(int currentRecordBytes)
    {
        var left = Math.Max(0, _totalBytes - (_discarded + _pos - _segment.Offset));
        return (int)Math.Clamp(left / Math.Max(1, currentRecordBytes) * 11 / 10 + 16, 16, Array.MaxLength / 8);
    }

    /// <summary>
    /// An upper bound of the number of data records (header excluded) of a plain file, from its line count (a quoted
    /// field with a line break only makes the bound looser); null for a gzip file, whose lines are not counted (that
    /// would decompress it twice). Reads the file once more, from the page cache.
    /// </summary>
    public int? CountRecordsUpperBound()
    {
        long lines;
        if (_segment.Array is not null)
        {
            lines = _segment.AsSpan().Count((byte)'\n') + 1;
        }
        else if (_plainFile)
        {
            using var file = DataFile.OpenRead(File);
            var buffer = new byte[1 << 20];
            lines = 1;
            int read;
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        else
        {
            return null;
        }
        return lines - 1 > Array.MaxLength ? null : (int)Math.Max(1, lines - 1);
    }

    /// <summary>Bytes spanned by the current record (from its first field to its last).</summary>
    public int CurrentRecordBytes => FieldCount == 0 ? 1 : _starts[FieldCount - 1] + _lengths[FieldCount - 1] - _starts[0] + 1;

    /// <summary>Index of a header column, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Index of a required header column; a clear error names the file and what the header holds.</summary>
    public int Require(string name)
    {
        var i = IndexOf(name);
        if (i >= 0) return i;
        var near = Header.FirstOrDefault(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var hint = near is null ? "" : $" (did you mean '{near}'? names are case-sensitive)";
        throw new DataFormatException(File, 1, 0, name,
            $"required column '{name}' is missing{hint}; the header has: {string.Join(", ", Header)}");
    }

    /// <summary>Advances to the next record; false at the end of the data. Blank lines are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (!_started) Start();
        while (true)
        {
            if (_pos >= _end)
            {
                if (_eof) return false;
                Refill();
                continue;
            }
            var line = _nextLine;
            var fields = ParseRecord();
            if (fields < 0)
            {
                // the record runs past the buffer: keep it, read more, parse it again
                _nextLine = line;
                Refill();
                continue;
            }
            FieldCount = fields;
            if (fields == 1 && _lengths[0] == 0) continue; // blank line
            return true;
        }
    }

    // Parses the record at _pos; returns its field count, or -1 when the buffer ends inside it and more data may come.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ParseRecord()
    {
        Line = _nextLine;
        var data = _data;
        var end = _end;
        var more = !_eof;
        var field = 0;
        var pos = _pos;
        while (true)
        {
            if (field == _starts.Length) Grow();
            if (pos < end && data[pos] == (byte)'"')
            {
                // quoted field
                var start = ++pos;
                var escaped = false;
                while (true)
                {
                    if (pos >= end)
                    {
                        if (more) return -1;
                        throw Error(-1, $"a quoted field opened on line {Line} is never closed");
                    }
                    var b = data[pos];
                    if (b == (byte)'"')
                    {
                        if (pos + 1 >= end && more) return -1;
                        if (pos + 1 < end && data[pos + 1] == (byte)'"') { escaped = true; pos += 2; continue; }
                        break;
                    }
                    if (b == (byte)'\n') _nextLine++;
                    pos++;
                }
                _starts[field] = start;
                _lengths[field] = pos - start;
                _escaped[field] = escaped;
                pos++; // closing quote
                if (pos >= end && more) return -1;
                if (pos < end && data[pos] == (byte)'\r') pos++;
                if (pos >= end && more) return -1;
                if (pos < end && data[pos] != (byte)',' && data[pos] != (byte)'\n')
                    throw Error(field, "unexpected text after a closing quote");
            }
            else
            {
                var start = pos;
                var rest = data.AsSpan(pos, end - pos);
                var stop = rest.IndexOfAny((byte)',', (byte)'\n');
                if (stop < 0)
                {
                    if (more) return -1;
                    pos = end;
                }
                else
                {
                    pos += stop;
                }
                var len = pos - start;
                if (len > 0 && data[start + len - 1] == (byte)'\r') len--;
                _starts[field] = start;
                _lengths[field] = len;
                _escaped[field] = false;
            }
            field++;
            if (pos >= end) break;
            if (data[pos] == (byte)'\n') { pos++; break; }
            pos++; // comma
        }
        _nextLine++;
        _pos = pos;
        return field;
    }

    private void Start()
    {
        _started = true;
        Refill();
        if (_end - _pos >= 3 && _data[_pos] == 0xEF && _data[_pos + 1] == 0xBB && _data[_pos + 2] == 0xBF) _pos += 3;
    }

    // Moves the unread bytes to the front of the buffer (growing it when one record fills it) and reads more.
    private void Refill()
    {
        if (_stream is null)
        {
            _eof = true;
            return;
        }
        var keep = _end - _pos;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_data, _pos, _data, 0, keep);
            _discarded += _pos;
            _pos = 0;
            _end = keep;
        }
        if (_end == _data.Length) Array.Resize(ref _data, _data.Length * 2);
        while (_end < _data.Length)
        {
            var n = _stream.Read(_data, _end, _data.Length - _end);
            if (n == 0)
            {
                _eof = true;
                _stream.Dispose();
                _stream = null;
                break;
            }
            _end += n;
        }
    }

    /// <summary>Raw bytes of field <paramref name="i"/> (quotes removed, <c>""</c> unescaped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(int i)
    {
        if ((uint)i >= (uint)FieldCount)
            throw Error(i, $"the record has {FieldCount} fields but column {i + 1} was expected");
        var span = new ReadOnlySpan<byte>(_data, _starts[i], _lengths[i]);
        if (!_escaped[i]) return span;
        if (_scratch.Length < span.Length) _scratch = new byte[span.Length * 2];
        var n = 0;
        for (var k = 0; k < span.Length; k++)
        {
            _scratch[n++] = span[k];
            if (span[k] == (byte)'"') k++;
        }
        return new ReadOnlySpan<byte>(_scratch, 0, n);
    }

    public string GetString(int i) => Encoding.UTF8.GetString(Field(i));

    /// <summary>An error at column <paramref name="i"/> (0-based; -1 for the whole record) of the current record.</summary>
    /// <remarks>
    /// In a gzip file that has not been read to its end, the rest of the stream is checked first: a problem in
    /// the middle of a damaged file is usually decompressed garbage, and the damage is the error to report.
    /// </remarks>
    public DataFormatException Error(int i, string problem)
    {
        if (_stream is CheckedGzipStream gzip)
        {
            try
            {
                gzip.VerifyToEnd();
            }
            catch (DataFormatException damage)
            {
                return damage;
            }
        }
        var name = i >= 0 && i < Header.Count ? Header[i] : null;
        return new DataFormatException(File, Line, i + 1, name, problem);
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    /// <summary>Checks the record has exactly as many fields as the header.</summary>
    public void RequireHeaderWidth()
    {
        if (FieldCount != Header.Count)
            throw Error(-1, $"the record has {FieldCount} fields but the header has {Header.Count}");
    }

    private void Grow()
    {
        Array.Resize(ref _starts, _starts.Length * 2);
        Array.Resize(ref _lengths, _lengths.Length * 2);
        Array.Resize(ref _escaped, _escaped.Length * 2);
    }
}
