namespace Research.Forecasting.Data;

/// <summary>
/// Bad input in a data file. The message always names the file and, where they are known,
/// the 1-based line and column (number and header name), so a researcher can open the file at the spot.
/// </summary>
public sealed class DataFormatException : FormatException
{
    public DataFormatException(string file, long line, int column, string? columnName, string problem)
        : base(Compose(file, line, column, columnName, problem))
    {
        File = file;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Problem = problem;
    }

    /// <summary>Path of the file as given to the reader.</summary>
    public string File { get; }

    /// <summary>1-based physical line of the record (0 when the problem is not tied to a line).</summary>
    public long Line { get; }

    /// <summary>1-based column number (0 when the problem is not tied to a column).</summary>
    public int Column { get; }

    /// <summary>Header name of the column, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>The problem alone, without the location.</summary>
    public string Problem { get; }

    private static string Compose(string file, long line, int column, string? columnName, string problem)
    {
        var where = file;
        if (line > 0) where += $", line {line}";
        if (column > 0) where += columnName is null ? $", column {column}" : $", column {column} ({columnName})";
        else if (columnName is not null) where += $", column {columnName}";
        return $"{where}: {problem}";
    }
}
