using System.Runtime.CompilerServices;
using System.Text;

namespace Research.Forecasting.Data;

/// <summary>
/// A fast RFC 4180 reader over an in-memory UTF-8 buffer: comma separated, double-quote quoting
/// with <c>""</c> escapes, LF or CRLF line ends, quoted fields may span lines. It tracks the physical
/// line of every record so errors can point at the file, line and column.
/// </summary>
public sealed class CsvReader
{
    private readonly byte[] _data;
    private readonly int _end;
    private int _pos;
    private int _nextLine = 1;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private bool[] _escaped = new bool[16];
    private byte[] _scratch = new byte[256];

    private readonly ArraySegment<byte> _segment;

    public CsvReader(string file, ArraySegment<byte> data)
    {
        File = file;
        _segment = data;
        _data = data.Array ?? [];
        _pos = data.Offset;
        _end = data.Offset + data.Count;
    }

    /// <summary>A new reader over the same content, positioned at the start (for a second pass on an error path).</summary>
    public CsvReader Reopen() => new(File, _segment);

    /// <summary>
    /// The physical lines on which the data records with the given 0-based indexes (header excluded) start,
    /// found by reading the content again from the start.
    /// </summary>
    public int[] LinesOfRecords(params int[] records)
    {
        var lines = new int[records.Length];
        var again = Reopen();
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

    /// <summary>Opens <paramref name="path"/> (<c>.csv</c> or gzip-compressed).</summary>
    public static CsvReader Open(string path) => new(path, DataFile.ReadAllBytes(path));

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
        var left = (long)_end - _pos;
        return (int)Math.Clamp(left / Math.Max(1, currentRecordBytes) * 11 / 10 + 16, 16, Array.MaxLength / 8);
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
        while (true)
        {
            if (_pos >= _end) return false;
            Line = _nextLine;
            var data = _data;
            var field = 0;
            var pos = _pos;
            while (true)
            {
                if (field == _starts.Length) Grow();
                if (pos < _end && data[pos] == (byte)'"')
                {
                    // quoted field
                    var start = ++pos;
                    var escaped = false;
                    while (true)
                    {
                        if (pos >= _end)
                            throw Error(-1, $"a quoted field opened on line {Line} is never closed");
                        var b = data[pos];
                        if (b == (byte)'"')
                        {
                            if (pos + 1 < _end && data[pos + 1] == (byte)'"') { escaped = true; pos += 2; continue; }
                            break;
                        }
                        if (b == (byte)'\n') _nextLine++;
                        pos++;
                    }
                    _starts[field] = start;
                    _lengths[field] = pos - start;
                    _escaped[field] = escaped;
                    pos++; // closing quote
                    if (pos < _end && data[pos] == (byte)'\r') pos++;
                    if (pos < _end && data[pos] != (byte)',' && data[pos] != (byte)'\n')
                        throw Error(field, "unexpected text after a closing quote");
                }
                else
                {
                    var start = pos;
                    while (pos < _end)
                    {
                        var b = data[pos];
                        if (b == (byte)',' || b == (byte)'\n') break;
                        pos++;
                    }
                    var len = pos - start;
                    if (len > 0 && data[start + len - 1] == (byte)'\r') len--;
                    _starts[field] = start;
                    _lengths[field] = len;
                    _escaped[field] = false;
                }
                field++;
                if (pos >= _end) break;
                if (data[pos] == (byte)'\n') { pos++; break; }
                pos++; // comma
            }
            _nextLine++;
            _pos = pos;
            FieldCount = field;
            if (field == 1 && _lengths[0] == 0) continue; // blank line
            return true;
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
    public DataFormatException Error(int i, string problem)
    {
        var name = i >= 0 && i < Header.Count ? Header[i] : null;
        return new DataFormatException(File, Line, i + 1, name, problem);
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
