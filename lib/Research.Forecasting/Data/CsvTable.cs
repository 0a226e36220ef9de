namespace Research.Forecasting.Data;

/// <summary>
/// A small CSV file held as text fields (store metadata, demographics): typed access by column with
/// errors that name the file, line and column. Not meant for large files; use <see cref="PanelLoader"/>.
/// </summary>
public sealed class CsvTable
{
    private readonly string[][] _rows;
    private readonly int[] _lines;

    private CsvTable(string file, IReadOnlyList<string> header, string[][] rows, int[] lines)
    {
        File = file;
        Header = header;
        _rows = rows;
        _lines = lines;
    }

    public string File { get; }

    public IReadOnlyList<string> Header { get; }

    public int RowCount => _rows.Length;

    /// <summary>Reads a whole <c>.csv</c> or <c>.csv.gz</c> file; every record must have as many fields as the header.</summary>
    public static CsvTable Read(string path)
    {
        var csv = CsvReader.Open(path);
        csv.ReadHeader();
        var rows = new List<string[]>();
        var lines = new List<int>();
        while (csv.Read())
        {
            csv.RequireHeaderWidth();
            var row = new string[csv.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = csv.GetString(i);
            rows.Add(row);
            lines.Add(csv.Line);
        }
        return new CsvTable(path, csv.Header, [.. rows], [.. lines]);
    }

    /// <summary>Index of a column; a clear error lists the header when it is missing.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
            if (string.Equals(Header[i], name, StringComparison.Ordinal)) return i;
        throw new DataFormatException(File, 1, 0, name, $"required column '{name}' is missing; the header has: {string.Join(", ", Header)}");
    }

    /// <summary>Physical line of a row (1-based; the header is line 1).</summary>
    public int Line(int row) => _lines[row];

    public string Text(int row, int column) => _rows[row][column];

    /// <summary>The column as numbers; missing markers become NaN when allowed, anything unreadable is an error.</summary>
    public double[] Numbers(string name, bool allowMissing = false)
    {
        var c = Column(name);
        var values = new double[_rows.Length];
        for (var r = 0; r < _rows.Length; r++)
            values[r] = ParseNumber(r, c, allowMissing);
        return values;
    }

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>) as a number.</summary>
    public double ParseNumber(int row, int column, bool allowMissing)
    {
        var text = _rows[row][column];
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (FieldParser.TryParseDouble(bytes, out var v) && double.IsFinite(v)) return v;
        if (FieldParser.IsMissing(bytes) || double.IsNaN(v))
        {
            if (allowMissing) return double.NaN;
            throw Error(row, column, $"a value is required, but the field is {(text.Length == 0 ? "empty" : $"'{text}'")}");
        }
        throw Error(row, column, double.IsInfinity(v) ? $"'{text}' is not a finite number" : $"'{text}' is not a number");
    }

    public DataFormatException Error(int row, int column, string problem) =>
        new(File, _lines[row], column + 1, Header[column], problem);
}
