using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Research.Notebooks.Kernel;

namespace Research.Notebooks.Execution;

/// <summary>
/// Turns a displayed value into a mime bundle, deterministically: objects with a <c>MimeBundle()</c> method
/// (charts) supply their own; <see cref="HtmlString"/> and objects with <c>ToHtml()</c> give HTML; sequences become
/// an HTML table of their elements' public properties (first <see cref="RowLimit"/> rows); other objects a table of
/// their properties; everything also has <c>text/plain</c>.
/// </summary>
public static class MimeFormatter
{
    public const int RowLimit = 25;

    public static IReadOnlyDictionary<string, object> Format(object? value, IReadOnlyList<string>? mimeTypes = null)
    {
        var bundle = FormatAll(value);
        if (mimeTypes is null || mimeTypes.Count == 0) return bundle;
        var picked = bundle.Where(kv => mimeTypes.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (picked.Count == 0 && mimeTypes.Contains("text/plain")) picked["text/plain"] = Plain(value);
        return picked.Count > 0 ? picked : bundle;
    }

    private static Dictionary<string, object> FormatAll(object? value)
    {
        switch (value)
        {
            case null:
                return new() { ["text/plain"] = "<null>" };
            case HtmlString html:
                return new() { ["text/html"] = html.Html, ["text/plain"] = html.Html };
            case string s:
                return new() { ["text/plain"] = s };
        }
        var type = value.GetType();
        if (type.GetMethod("MimeBundle", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is { } mime
            && mime.Invoke(value, null) is IReadOnlyDictionary<string, object> own)
            return own.ToDictionary(kv => kv.Key, kv => kv.Value);
        if (IsScalar(type))
            return new() { ["text/plain"] = Plain(value) };
        if (type.GetMethod("ToHtml", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is { ReturnType: var rt } toHtml && rt == typeof(string))
            return new() { ["text/html"] = (string)toHtml.Invoke(value, null)!, ["text/plain"] = Plain(value) };
        if (value is IEnumerable sequence)
        {
            var (html, text) = Table(sequence);
            return new() { ["text/html"] = html, ["text/plain"] = text };
        }
        var props = Properties(type);
        if (props.Length > 0 && !OverridesToString(type))
        {
            var (html, text) = Table(new[] { value });
            return new() { ["text/html"] = html, ["text/plain"] = text };
        }
        return new() { ["text/plain"] = Plain(value) };
    }

    /// <summary>Invariant text of a value (numbers with '.' decimals, dates ISO).</summary>
    public static string Plain(object? value) => value switch
    {
        null => "<null>",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsScalar(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(TimeSpan) || t == typeof(Guid);

    private static bool OverridesToString(Type t) =>
        t.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType is { } d && d != typeof(object) && d != typeof(ValueType)
        && !(t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)) || IsRecord(t));

    private static bool IsRecord(Type t) => t.GetMethod("<Clone>$") is not null || t.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static PropertyInfo[] Properties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead).ToArray();

    private static (string Html, string Text) Table(IEnumerable sequence)
    {
        var rows = new List<object?>();
        var more = 0;
        foreach (var item in sequence)
        {
            if (rows.Count < RowLimit) rows.Add(item);
            else more++;
        }
        var elementType = rows.FirstOrDefault(r => r is not null)?.GetType();
        var columns = elementType is null || IsScalar(elementType) || elementType == typeof(string)
            ? []
            : IsValueTuple(elementType) ? elementType.GetFields().Select(f => (f.Name, (Func<object, object?>)f.GetValue)).ToArray()
            : Properties(elementType).Select(p => (p.Name, (Func<object, object?>)p.GetValue)).ToArray();
        var header = columns.Length == 0 ? ["value"] : columns.Select(c => c.Name).ToArray();
        var cells = rows.Select(r => columns.Length == 0 || r is null
            ? new[] { Plain(r) }
            : columns.Select(c => Plain(Cell(c.Item2(r)))).ToArray()).ToList();

        var html = new StringBuilder("<table><thead><tr>");
        foreach (var h in header) html.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in cells)
        {
            html.Append("<tr>");
            foreach (var c in row) html.Append("<td>").Append(WebUtility.HtmlEncode(c)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (more > 0) html.Append(CultureInfo.InvariantCulture, $"<p>({more} more)</p>");

        var widths = header.Select((h, j) => Math.Min(40, Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(r => r[j].Length)))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(string.Join("  ", header.Select((h, j) => Fit(h, widths[j]))).TrimEnd());
        foreach (var row in cells) text.AppendLine(string.Join("  ", row.Select((c, j) => Fit(c, widths[j]))).TrimEnd());
        if (more > 0) text.AppendLine(CultureInfo.InvariantCulture, $"({more} more)");
        return (html.ToString(), text.ToString().TrimEnd('\n'));
    }

    private static object? Cell(object? value) => value is IEnumerable e and not string ? string.Join(", ", e.Cast<object?>().Take(10).Select(Plain)) : value;

    private static string Fit(string s, int width) => s.Length > width ? s[..(width - 1)] + "…" : s.PadRight(width);

    private static bool IsValueTuple(Type t) => t.IsGenericType && t.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal);
}
