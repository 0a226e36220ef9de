using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Cli.Infrastructure;

/// <summary>Checks and parsers for option values; every failure is a <see cref="UsageException"/> naming the option.</summary>
public static class OptionValues
{
    /// <summary>The value when it is at least <paramref name="minimum"/>.</summary>
    public static int AtLeast(string option, int value, int minimum, string? why = null) =>
        value >= minimum ? value
        : throw new UsageException(option, value.ToString(CultureInfo.InvariantCulture), $"must be at least {minimum}{(why is null ? "" : $" ({why})")}");

    /// <summary>Comma-separated items, trimmed, empty ones dropped; an item listed twice is an error.</summary>
    public static string[] List(string option, string? text)
    {
        if (text is null) return [];
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var twice = items.GroupBy(x => x, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new UsageException(option, text, $"'{twice.Key}' is listed twice");
        return items;
    }

    /// <summary>
    /// A period of <paramref name="frequency"/>: an ISO date <c>yyyy-MM-dd</c> on the frequency's grid (<c>yyyy-MM</c>
    /// also for monthly data) or an integer for plain periods.
    /// </summary>
    public static long Period(string option, string text, Frequency frequency)
    {
        var trimmed = text.Trim();
        if (frequency.Kind == FrequencyKind.Periods)
            return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) ? p
                : throw new UsageException(option, text, "is not an integer period (the data counts plain integer periods)");
        if (frequency.Kind == FrequencyKind.Monthly && trimmed.Length == 7) trimmed += "-01";
        var bytes = System.Text.Encoding.UTF8.GetBytes(trimmed);
        if (!FieldParser.TryParseIsoDate(bytes, out var date, out var problem))
            throw new UsageException(option, text, problem == "is not a valid calendar date" ? "is not a valid calendar date" : "is not a date in the form yyyy-MM-dd");
        if (!frequency.TryToOrdinal(date, out var ordinal, out problem))
            throw new UsageException(option, text, problem!);
        return ordinal;
    }

    /// <summary>A finite decimal number.</summary>
    public static double Number(string option, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new UsageException(option, text, "is not a finite number");
}
