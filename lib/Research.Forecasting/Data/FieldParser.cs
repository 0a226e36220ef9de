using System.Globalization;
using System.Runtime.CompilerServices;

namespace Research.Forecasting.Data;

/// <summary>Allocation-free parsers for UTF-8 fields: numbers, missing markers, ISO dates and times.</summary>
public static class FieldParser
{
    private static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>True for the spellings of a missing value: empty, <c>NA</c>, <c>NaN</c>, <c>null</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsMissing(ReadOnlySpan<byte> s) =>
        s.Length == 0 || s.SequenceEqual("NA"u8) || s.SequenceEqual("NaN"u8) || s.SequenceEqual("nan"u8)
        || s.SequenceEqual("null"u8) || s.SequenceEqual("NULL"u8);

    /// <summary>
    /// Parses a decimal number. Plain decimals with at most 15 significant digits take an exact fast path
    /// (both the integer mantissa and the power of ten are exact doubles, and IEEE division rounds correctly);
    /// anything else goes through <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
    /// Infinity parses (the caller decides whether it is allowed); missing markers do not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+')) { negative = s[0] == (byte)'-'; i = 1; }
        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        var ok = i < s.Length;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c - (uint)'0' <= 9)
            {
                if (mantissa != 0 || c != (byte)'0') digits++;
                mantissa = mantissa * 10 + (c - '0');
                if (fraction >= 0) fraction++;
            }
            else if (c == (byte)'.' && fraction < 0) fraction = 0;
            else { ok = false; break; }
        }
        if (ok && digits <= 15 && fraction <= 22 && (fraction != 0) && s.Length > (negative || s[0] == (byte)'+' ? 1 : 0))
        {
            double v = mantissa;
            if (fraction > 0) v /= PowersOf10[fraction];
            value = negative ? -v : v;
            return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a boolean: <c>true</c>/<c>false</c> in any letter case, <c>T</c>/<c>F</c>, <c>1</c>/<c>0</c>.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> s, out bool value)
    {
        value = false;
        switch (s.Length)
        {
            case 1:
                var c = (byte)(s[0] | 0x20);
                if (c == (byte)'t' || s[0] == (byte)'1') { value = true; return true; }
                return c == (byte)'f' || s[0] == (byte)'0';
            case 4:
                value = true;
                return System.Text.Ascii.EqualsIgnoreCase(s, "true"u8);
            case 5:
                return System.Text.Ascii.EqualsIgnoreCase(s, "false"u8);
            default:
                return false;
        }
    }

    /// <summary>Parses an ISO date <c>yyyy-MM-dd</c> (a time of day after it must be midnight).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseIsoDate(ReadOnlySpan<byte> s, out DateOnly date, out string? problem)
    {
        date = default;
        problem = null;
        if (s.Length < 10 || s[4] != (byte)'-' || s[7] != (byte)'-'
            || !TryDigits(s[..4], out var y) || !TryDigits(s.Slice(5, 2), out var m) || !TryDigits(s.Slice(8, 2), out var d))
        {
            problem = "is not a date in the form yyyy-MM-dd";
            return false;
        }
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            problem = "is not a valid calendar date";
            return false;
        }
        date = new DateOnly(y, m, d);
        if (s.Length == 10) return true;
        if (!TryParseTimeOfDay(s[10..], out var ticks))
        {
            problem = "has unreadable text after the date";
            return false;
        }
        if (ticks != 0)
        {
            problem = "has a time of day, but the declared frequency counts whole days";
            return false;
        }
        return true;
    }

    /// <summary>Parses <c>yyyy-MM-dd[ HH:mm[:ss]]</c> or <c>yyyy-MM-ddTHH:mm[:ss]</c> into a <see cref="DateTime"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseIsoDateTime(ReadOnlySpan<byte> s, out DateTime value)
    {
        value = default;
        if (s.Length < 10 || s[4] != (byte)'-' || s[7] != (byte)'-'
            || !TryDigits(s[..4], out var y) || !TryDigits(s.Slice(5, 2), out var m) || !TryDigits(s.Slice(8, 2), out var d)
            || y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            return false;
        long ticks = 0;
        if (s.Length > 10 && !TryParseTimeOfDay(s[10..], out ticks)) return false;
        value = new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(ticks);
        return true;
    }

    /// <summary>Parses a whole number (optional sign, digits only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseInt64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+')) { negative = s[0] == (byte)'-'; i = 1; }
        if (i == s.Length || s.Length - i > 18) return false;
        for (; i < s.Length; i++)
        {
            var c = s[i] - (uint)'0';
            if (c > 9) return false;
            value = value * 10 + c;
        }
        if (negative) value = -value;
        return true;
    }

    // " HH:mm", " HH:mm:ss", "THH:mm:ss"
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseTimeOfDay(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s.Length is not (6 or 9) || (s[0] != (byte)' ' && s[0] != (byte)'T') || s[3] != (byte)':') return false;
        if (!TryDigits(s.Slice(1, 2), out var hh) || !TryDigits(s.Slice(4, 2), out var mm) || hh > 23 || mm > 59) return false;
        var ss = 0;
        if (s.Length == 9 && (s[6] != (byte)':' || !TryDigits(s.Slice(7, 2), out ss) || ss > 59)) return false;
        ticks = ((hh * 60L + mm) * 60 + ss) * TimeSpan.TicksPerSecond;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var c = b - (uint)'0';
            if (c > 9) return false;
            value = value * 10 + (int)c;
        }
        return true;
    }
}
