using System.Collections;
using System.Globalization;

namespace Research.Forecasting.Display;

/// <summary>The text of a table cell: invariant, short and deterministic.</summary>
public static class CellText
{
    /// <summary>
    /// Integers as digits; other numbers with at most 4 decimals at magnitude 1 and above, 4 significant digits below;
    /// NaN as "NaN", infinities as "Inf"/"-Inf"; dates ISO; booleans true/false; null empty; sequences as their first
    /// items.
    /// </summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => Number(d),
        float f => Number(f),
        decimal m => Number((double)m),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => Sequence(e),
        _ => value.ToString() ?? "",
    };

    public static string Number(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "Inf";
        if (double.IsNegativeInfinity(v)) return "-Inf";
        if (v == Math.Floor(v) && Math.Abs(v) < 1e15) return v.ToString("0", CultureInfo.InvariantCulture);
        return Math.Abs(v) >= 1 ? v.ToString("0.####", CultureInfo.InvariantCulture) : v.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>Whether values of <paramref name="type"/> are numbers (right-aligned).</summary>
    public static bool IsNumeric(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(double) || type == typeof(float) || type == typeof(decimal) || type == typeof(int) || type == typeof(long)
            || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);
    }

    private static string Sequence(IEnumerable e)
    {
        const int shown = 5;
        var items = new List<string>();
        var more = false;
        foreach (var item in e)
        {
            if (items.Count == shown) { more = true; break; }
            items.Add(Format(item));
        }
        return "[" + string.Join(", ", items) + (more ? ", …" : "") + "]";
    }
}
