using Microsoft.Data.Analysis;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Display;
using Research.Forecasting.Reporting;

namespace Research.Forecasting.Frames;

/// <summary>Library tables as Microsoft.Data.Analysis frames (cleaning reports, metric tables, forecast tables), and back.</summary>
public static class TableFrames
{
    /// <summary>
    /// One column per column of the table: numbers (<c>int</c>, <c>long</c>, <c>double</c> and their nullable forms) as
    /// double columns, booleans as bool columns, dates as DateTime columns, everything else as text.
    /// </summary>
    public static DataFrame ToDataFrame<T>(this Table<T> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var names = Table<T>.ColumnNames;
        var types = Table<T>.Columns.Types;
        var columns = new DataFrameColumn[names.Count];
        for (var j = 0; j < names.Count; j++)
        {
            var type = Nullable.GetUnderlyingType(types[j]) ?? types[j];
            if (CellText.IsNumeric(type))
            {
                var c = new DoubleDataFrameColumn(names[j], table.Count);
                for (var i = 0; i < table.Count; i++) c[i] = table.Value(i, j) is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : null;
                columns[j] = c;
            }
            else if (type == typeof(bool))
            {
                var c = new BooleanDataFrameColumn(names[j], table.Count);
                for (var i = 0; i < table.Count; i++) c[i] = (bool?)table.Value(i, j);
                columns[j] = c;
            }
            else if (type == typeof(DateTime) || type == typeof(DateOnly))
            {
                var c = new PrimitiveDataFrameColumn<DateTime>(names[j], table.Count);
                for (var i = 0; i < table.Count; i++)
                    c[i] = table.Value(i, j) switch { DateOnly d => d.ToDateTime(TimeOnly.MinValue), DateTime t => t, _ => null };
                columns[j] = c;
            }
            else
            {
                var c = new StringDataFrameColumn(names[j], table.Count);
                for (var i = 0; i < table.Count; i++) c[i] = table.Value(i, j) is { } v ? CellText.Format(v) : null;
                columns[j] = c;
            }
        }
        return new DataFrame(columns);
    }

    /// <summary>The long forecast table: series, round, cutoff, time, actual and one column per model.</summary>
    public static DataFrame ToDataFrame(this ForecastTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var n = table.Count;
        var series = new StringDataFrameColumn("series", n);
        var round = new Int32DataFrameColumn("round", n);
        var cutoff = new StringDataFrameColumn("cutoff", n);
        var time = new StringDataFrameColumn("time", n);
        var actual = new DoubleDataFrameColumn("actual", n);
        for (var i = 0; i < n; i++)
        {
            series[i] = table.Series(i);
            round[i] = table.Round[i];
            cutoff[i] = table.Frequency.Format(table.Cutoff[i]);
            time[i] = table.Frequency.Format(table.Time[i]);
            actual[i] = double.IsNaN(table.Actual[i]) ? null : table.Actual[i];
        }
        var models = table.Models.Select(m =>
        {
            var f = table.Forecast(m);
            var c = new DoubleDataFrameColumn(m, n);
            for (var i = 0; i < n; i++) c[i] = double.IsNaN(f[i]) ? null : f[i];
            return (DataFrameColumn)c;
        });
        return new DataFrame([series, round, cutoff, time, actual, .. models]);
    }

    /// <summary>
    /// A frame as a displayable table (first <see cref="TableView.RowLimit"/> rows). Named <c>AsTable</c> because
    /// <see cref="DataFrame.ToTable()"/> is the frame's own conversion to a <c>System.Data.DataTable</c>.
    /// </summary>
    public static FrameTable AsTable(this DataFrame frame) => new(frame);
}

/// <summary>A <see cref="DataFrame"/> shown as a column table in notebooks (the frame's own display is a property tree).</summary>
[TypeFormatterSource(typeof(TableFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class FrameTable(DataFrame frame) : ITableView
{
    public DataFrame Frame { get; } = frame ?? throw new ArgumentNullException(nameof(frame));

    public TableView ToTableView()
    {
        var shown = (int)Math.Min(Frame.Rows.Count, TableView.RowLimit);
        var rows = new List<string[]>(shown);
        for (var r = 0; r < shown; r++)
            rows.Add(Frame.Columns.Select(c => CellText.Format(c[r])).ToArray());
        return new TableView(Frame.Columns.Select(c => new TableColumn(c.Name, CellText.IsNumeric(c.DataType))).ToArray(), rows, checked((int)Frame.Rows.Count));
    }

    public override string ToString() => ToTableView().ToText();
}
