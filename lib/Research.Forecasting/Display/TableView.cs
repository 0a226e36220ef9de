using System.Globalization;
using System.Net;
using System.Text;

namespace Research.Forecasting.Display;

/// <summary>A column of a <see cref="TableView"/>; numeric columns are right-aligned.</summary>
public sealed record TableColumn(string Name, bool Numeric);

/// <summary>
/// A table as a notebook shows it: column names, the text of the first <see cref="RowLimit"/> rows and the total row
/// count. Rendered as a compact HTML table (inline styles only, so it looks the same in VS Code, Jupyter, nbconvert and
/// on GitHub) or as aligned text; both deterministic.
/// </summary>
public sealed class TableView
{
    /// <summary>Rows shown at most; a note says how many more there are.</summary>
    public const int RowLimit = 50;

    public TableView(IReadOnlyList<TableColumn> columns, IReadOnlyList<string[]> rows, int totalRows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Any(r => r.Length != columns.Count)) throw new ArgumentException($"every row needs {columns.Count} cells", nameof(rows));
        Columns = columns;
        Rows = rows;
        TotalRows = totalRows;
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The shown rows' cell texts.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    public int TotalRows { get; }

    private string? Note => TotalRows > Rows.Count
        ? string.Create(CultureInfo.InvariantCulture, $"{Rows.Count} of {TotalRows} rows shown")
        : null;

    public string ToHtml()
    {
        var sb = new StringBuilder("<table class=\"research-table\">");
        sb.Append("<thead><tr>");
        foreach (var c in Columns)
            sb.Append(c.Numeric ? "<th style=\"text-align:right\">" : "<th style=\"text-align:left\">").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            sb.Append("<tr>");
            for (var j = 0; j < row.Length; j++)
                sb.Append(Columns[j].Numeric ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">").Append(WebUtility.HtmlEncode(row[j])).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (Note is { } note) sb.Append("<p><i>").Append(note).Append("</i></p>");
        return sb.ToString();
    }

    /// <summary>Columns padded to their widest cell and separated by two spaces, a dashed rule under the header.</summary>
    public string ToText()
    {
        var widths = Columns.Select((c, j) => Math.Max(c.Name.Length, Rows.Select(r => r[j].Length).DefaultIfEmpty(0).Max())).ToArray();
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> cells)
        {
            var parts = cells.Select((s, j) => Columns[j].Numeric ? s.PadLeft(widths[j]) : s.PadRight(widths[j]));
            sb.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
        }
        Line(Columns.Select(c => c.Name).ToArray());
        sb.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in Rows) Line(row);
        if (Note is { } note) sb.Append('(').Append(note).Append(")\n");
        return sb.ToString();
    }
}
