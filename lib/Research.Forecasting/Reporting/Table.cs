using System.Collections;
using System.Reflection;
using Research.Forecasting.Display;

namespace Research.Forecasting.Reporting;

/// <summary>
/// Rows of records shown as a column table in notebooks (HTML and text, see <see cref="TableView"/>): one column per
/// public property or field of <typeparamref name="T"/>, in declaration order, so anonymous types, records and tuples
/// all work. Library methods that return tabular results return a <see cref="Table{T}"/>; any sequence becomes one with
/// <see cref="Tables.ToTable{T}(IEnumerable{T})"/>.
/// </summary>
[TypeFormatterSource(typeof(TableFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class Table<T> : IReadOnlyList<T>, ITableView
{
    private readonly T[] _rows;

    public Table(IEnumerable<T> rows) => _rows = [.. rows ?? throw new ArgumentNullException(nameof(rows))];

    public int Count => _rows.Length;

    public T this[int index] => _rows[index];

    /// <summary>Column names, in order.</summary>
    public static IReadOnlyList<string> ColumnNames => Columns.Names;

    /// <summary>The value of column <paramref name="column"/> in row <paramref name="row"/>.</summary>
    public object? Value(int row, int column) => Columns.Getters[column](_rows[row]);

    public TableView ToTableView()
    {
        var shown = _rows.Take(TableView.RowLimit).Select(r => Columns.Getters.Select(g => CellText.Format(g(r))).ToArray()).ToArray();
        return new TableView(Columns.Names.Select((n, j) => new TableColumn(n, CellText.IsNumeric(Columns.Types[j]))).ToArray(), shown, _rows.Length);
    }

    /// <summary>The shown rows as aligned text.</summary>
    public override string ToString() => ToTableView().ToText();

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_rows).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The columns of <typeparamref name="T"/>, found once.</summary>
    internal static class Columns
    {
        public static readonly string[] Names;
        public static readonly Type[] Types;
        public static readonly Func<T, object?>[] Getters;

        static Columns()
        {
            var type = typeof(T);
            if (IsScalar(type))
            {
                Names = ["value"];
                Types = [type];
                Getters = [v => v];
                return;
            }
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m is PropertyInfo { CanRead: true } p && p.GetIndexParameters().Length == 0 || m is FieldInfo)
                .OrderBy(m => m.MetadataToken)
                .ToArray();
            Names = [.. members.Select(m => m.Name)];
            Types = [.. members.Select(m => m is PropertyInfo p ? p.PropertyType : ((FieldInfo)m).FieldType)];
            Getters = [.. members.Select(m => m is PropertyInfo p ? (Func<T, object?>)(v => v is null ? null : p.GetValue(v)) : v => v is null ? null : ((FieldInfo)m).GetValue(v))];
        }

        private static bool IsScalar(Type t) =>
            t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(TimeSpan)
            || Nullable.GetUnderlyingType(t) is { } u && IsScalar(u);
    }
}

/// <summary>Turns sequences into displayable tables.</summary>
public static class Tables
{
    /// <summary>The rows as a <see cref="Table{T}"/> (enumerated once).</summary>
    public static Table<T> ToTable<T>(this IEnumerable<T> rows) => rows as Table<T> ?? new Table<T>(rows);
}
