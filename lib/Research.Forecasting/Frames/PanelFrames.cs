using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;
using Research.Forecasting.Data;

namespace Research.Forecasting.Frames;

/// <summary>
/// A <see cref="SeriesPanel"/> and a Microsoft.Data.Analysis <see cref="DataFrame"/> in long format (one row per series
/// and period), both ways. A frame entering a panel goes through the file loader itself, so it meets the same schema
/// validation and gets the same located errors as a file: the "file" is <c>DataFrame</c> (or the name given) and the line
/// is the row index + 2, as if the frame were saved as CSV with a header.
/// </summary>
public static class PanelFrames
{
    /// <summary>
    /// The panel as a long frame: the id columns (text), the time (a <see cref="DateTime"/> column for calendar
    /// frequencies, the period number otherwise), the target, the dynamic covariates and the static covariates repeated
    /// on every row (categorical ones as their labels).
    /// </summary>
    public static DataFrame ToDataFrame(this SeriesPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var rows = checked((int)panel.RowCount);
        var ids = panel.KeyNames.Select(k => new StringDataFrameColumn(k, rows)).ToArray();
        var timeName = "time";
        DataFrameColumn time = panel.Frequency.IsCalendar ? new PrimitiveDataFrameColumn<DateTime>(timeName, rows) : new Int64DataFrameColumn(timeName, rows);
        var target = new DoubleDataFrameColumn(panel.TargetName, rows);
        var dynamics = panel.DynamicColumns.Select(c => c.IsCategorical ? (DataFrameColumn)new StringDataFrameColumn(c.Name, rows) : new DoubleDataFrameColumn(c.Name, rows)).ToArray();
        var statics = panel.StaticColumns.Select(c => c.IsCategorical ? (DataFrameColumn)new StringDataFrameColumn(c.Name, rows) : new DoubleDataFrameColumn(c.Name, rows)).ToArray();
        long row = 0;
        foreach (var s in panel.Series)
        {
            var t = s.Time;
            var y = s.Target;
            for (var i = 0; i < s.Length; i++, row++)
            {
                for (var k = 0; k < ids.Length; k++) ids[k][row] = s.Key[k];
                if (time is PrimitiveDataFrameColumn<DateTime> dates) dates[row] = panel.Frequency.ToDate(t[i]).ToDateTime(TimeOnly.MinValue);
                else ((Int64DataFrameColumn)time)[row] = t[i];
                target[row] = Nullable(y[i]);
                for (var c = 0; c < dynamics.Length; c++) Set(dynamics[c], row, panel.DynamicColumns[c], s.Dynamic(c)[i]);
                for (var c = 0; c < statics.Length; c++) Set(statics[c], row, panel.StaticColumns[c], s.Static(c));
            }
        }
        return new DataFrame([.. ids, time, target, .. dynamics, .. statics]);
    }

    /// <summary>
    /// Builds a panel from a long frame as <paramref name="schema"/> describes it, through the same loader, validation and
    /// errors as <see cref="PanelLoader.Load(string, PanelSchema)"/>; missing values are empty fields, dates are ISO.
    /// </summary>
    /// <param name="frame">One row per series and period.</param>
    /// <param name="schema">Which columns are ids, time, target and covariates.</param>
    /// <param name="name">Names the frame in errors.</param>
    public static SeriesPanel ToPanel(this DataFrame frame, PanelSchema schema, string name = "DataFrame")
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(schema);
        schema.Validate();
        return PanelLoader.Load(new CsvReader(name, ToCsv(frame)), schema);
    }

    /// <summary>The frame as CSV bytes with a header (invariant numbers, ISO dates, empty fields for missing values).</summary>
    internal static byte[] ToCsv(DataFrame frame)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', frame.Columns.Select(c => Quote(c.Name))).Append('\n');
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            for (var c = 0; c < frame.Columns.Count; c++)
            {
                if (c > 0) sb.Append(',');
                sb.Append(Field(frame.Columns[c][r]));
            }
            sb.Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        double d => double.IsNaN(d) ? "" : d.ToString("R", CultureInfo.InvariantCulture),
        float f => float.IsNaN(f) ? "" : f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static double? Nullable(double v) => double.IsNaN(v) ? null : v;

    private static void Set(DataFrameColumn column, long row, ColumnInfo info, double value)
    {
        if (column is StringDataFrameColumn text) text[row] = double.IsNaN(value) ? null : info.Label(value);
        else ((DoubleDataFrameColumn)column)[row] = Nullable(value);
    }
}
