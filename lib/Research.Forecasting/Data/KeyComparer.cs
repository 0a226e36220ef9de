using System.Globalization;

namespace Research.Forecasting.Data;

/// <summary>
/// Orders series keys column by column; within a column, values that are both integers compare
/// numerically (so store 2 sorts before store 10), anything else ordinally. Gives every panel a
/// deterministic series order independent of the row order in the file.
/// </summary>
public sealed class KeyComparer : IComparer<IReadOnlyList<string>>
{
    public static KeyComparer Instance { get; } = new();

    public int Compare(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var c = CompareValue(x[i], y[i]);
            if (c != 0) return c;
        }
        return x.Count.CompareTo(y.Count);
    }

    public static int CompareValue(string a, string b)
    {
        if (long.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var la)
            && long.TryParse(b, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var lb))
        {
            var c = la.CompareTo(lb);
            if (c != 0) return c;
        }
        return string.CompareOrdinal(a, b);
    }
}
