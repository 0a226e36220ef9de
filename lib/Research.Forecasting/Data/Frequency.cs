using System.Globalization;
using System.Runtime.CompilerServices;

namespace Research.Forecasting.Data;

/// <summary>How the time index of a panel is counted.</summary>
public enum FrequencyKind
{
    /// <summary>Calendar days.</summary>
    Daily,
    /// <summary>Calendar weeks starting on a fixed weekday.</summary>
    Weekly,
    /// <summary>Calendar months.</summary>
    Monthly,
    /// <summary>Plain integer periods (e.g. Dominick's week numbers 40..160).</summary>
    Periods,
}

/// <summary>
/// The declared frequency of a regular time index. Every time stamp is stored as an integer
/// <em>ordinal</em>, so that consecutive periods differ by exactly one: for daily data the day number
/// (<see cref="DateOnly.DayNumber"/>), for weekly data the number of whole weeks since a week starting on
/// <see cref="WeekStart"/>, for monthly data <c>12 * year + month - 1</c>, and for integer periods the integer itself.
/// </summary>
public sealed record Frequency
{
    private Frequency(FrequencyKind kind, DayOfWeek weekStart)
    {
        Kind = kind;
        WeekStart = weekStart;
    }

    public static Frequency Daily { get; } = new(FrequencyKind.Daily, DayOfWeek.Monday);
    public static Frequency Monthly { get; } = new(FrequencyKind.Monthly, DayOfWeek.Monday);
    public static Frequency Periods { get; } = new(FrequencyKind.Periods, DayOfWeek.Monday);

    /// <summary>Weeks that start on <paramref name="weekStart"/>; every date in the data must fall on that weekday.</summary>
    public static Frequency Weekly(DayOfWeek weekStart = DayOfWeek.Monday) => new(FrequencyKind.Weekly, weekStart);

    public FrequencyKind Kind { get; }

    /// <summary>The weekday each weekly period starts on (only meaningful for <see cref="FrequencyKind.Weekly"/>).</summary>
    public DayOfWeek WeekStart { get; }

    /// <summary>True when ordinals map to calendar dates.</summary>
    public bool IsCalendar => Kind != FrequencyKind.Periods;

    /// <summary>The usual seasonal period: 7 for daily, 52 for weekly, 12 for monthly, 1 (none) for plain periods.</summary>
    public int DefaultSeasonLength => Kind switch
    {
        FrequencyKind.Daily => 7,
        FrequencyKind.Weekly => 52,
        FrequencyKind.Monthly => 12,
        _ => 1,
    };

    // DayNumber 0 (0001-01-01) is a Monday.
    private int WeekOffset => ((int)WeekStart + 6) % 7;

    /// <summary>Ordinal of a calendar date; throws if the date is not on this frequency's grid.</summary>
    public long ToOrdinal(DateOnly date)
    {
        if (TryToOrdinal(date, out var ordinal, out var problem)) return ordinal;
        throw new ArgumentException($"{date:yyyy-MM-dd} {problem}", nameof(date));
    }

    /// <summary>Ordinal of a calendar date; false with a reason when the date is not on the grid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryToOrdinal(DateOnly date, out long ordinal, out string? problem)
    {
        problem = null;
        switch (Kind)
        {
            case FrequencyKind.Daily:
                ordinal = date.DayNumber;
                return true;
            case FrequencyKind.Weekly:
                var shifted = (long)date.DayNumber - WeekOffset;
                ordinal = Math.DivRem(shifted, 7L, out var rest);
                if (rest == 0) return true;
                problem = $"is a {date.DayOfWeek}, but the weekly frequency has weeks starting on {WeekStart}";
                return false;
            case FrequencyKind.Monthly:
                ordinal = 12L * date.Year + date.Month - 1;
                if (date.Day == 1) return true;
                problem = "is not the first day of a month, but the frequency is monthly";
                return false;
            default:
                ordinal = 0;
                problem = "is a date, but the frequency counts plain integer periods";
                return false;
        }
    }

    /// <summary>The ordinal that contains <paramref name="date"/> (floors to the start of its week or month).</summary>
    public long Floor(DateOnly date) => Kind switch
    {
        FrequencyKind.Daily => date.DayNumber,
        FrequencyKind.Weekly => (long)Math.Floor((date.DayNumber - WeekOffset) / 7.0),
        FrequencyKind.Monthly => 12L * date.Year + date.Month - 1,
        _ => throw new InvalidOperationException("plain integer periods have no calendar dates"),
    };

    /// <summary>The calendar date an ordinal starts on.</summary>
    public DateOnly ToDate(long ordinal) => Kind switch
    {
        FrequencyKind.Daily => DateOnly.FromDayNumber(checked((int)ordinal)),
        FrequencyKind.Weekly => DateOnly.FromDayNumber(checked((int)(ordinal * 7 + WeekOffset))),
        FrequencyKind.Monthly => new DateOnly((int)(ordinal / 12), (int)(ordinal % 12) + 1, 1),
        _ => throw new InvalidOperationException("plain integer periods have no calendar dates"),
    };

    /// <summary>Human-readable label of an ordinal: an ISO date, <c>yyyy-MM</c>, or the period number.</summary>
    public string Format(long ordinal) => Kind switch
    {
        FrequencyKind.Periods => ordinal.ToString(CultureInfo.InvariantCulture),
        FrequencyKind.Monthly => ToDate(ordinal).ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => ToDate(ordinal).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a label written by <see cref="Format"/> (or any ISO date on the grid) back to an ordinal.</summary>
    public long Parse(string label)
    {
        if (Kind == FrequencyKind.Periods)
            return long.Parse(label, NumberStyles.Integer, CultureInfo.InvariantCulture);
        if (Kind == FrequencyKind.Monthly && label.Length == 7) label += "-01";
        return ToOrdinal(DateOnly.ParseExact(label, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    public override string ToString() => Kind == FrequencyKind.Weekly ? $"Weekly({WeekStart})" : Kind.ToString();
}
