using System.Globalization;

namespace Research.Forecasting.Charts;

/// <summary>
/// Ticks for date axes at calendar boundaries: whole minutes or hours, days, Mondays, month starts or year starts,
/// with ISO-style labels (<c>2015-03</c> for months, <c>2015</c> for years, <c>2015-03-02</c> for days, and for
/// intraday steps <c>06:00</c>, with the date at midnight).
/// Positions are days since 1970-01-01.
/// </summary>
internal static class DateTicks
{
    private enum Unit { Minute, Hour, Day, Week, Month, Year }

    private static readonly (Unit Unit, int Count, double Days)[] Steps =
    [
        (Unit.Minute, 1, 1 / 1440.0), (Unit.Minute, 2, 2 / 1440.0), (Unit.Minute, 5, 5 / 1440.0), (Unit.Minute, 10, 10 / 1440.0),
        (Unit.Minute, 15, 15 / 1440.0), (Unit.Minute, 30, 30 / 1440.0),
        (Unit.Hour, 1, 1 / 24.0), (Unit.Hour, 2, 2 / 24.0), (Unit.Hour, 3, 3 / 24.0), (Unit.Hour, 6, 6 / 24.0), (Unit.Hour, 12, 12 / 24.0),
        (Unit.Day, 1, 1), (Unit.Day, 2, 2), (Unit.Week, 1, 7), (Unit.Week, 2, 14),
        (Unit.Month, 1, 30.44), (Unit.Month, 2, 60.88), (Unit.Month, 3, 91.31), (Unit.Month, 6, 182.6),
        (Unit.Year, 1, 365.25), (Unit.Year, 2, 730.5), (Unit.Year, 5, 1826), (Unit.Year, 10, 3652), (Unit.Year, 20, 7305),
        (Unit.Year, 50, 18262), (Unit.Year, 100, 36525), (Unit.Year, 200, 73050), (Unit.Year, 500, 182625), (Unit.Year, 1000, 365250),
    ];

    /// <summary>The finest calendar step giving at most <paramref name="maxTicks"/> ticks inside <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static Ticks Compute(double min, double max, int maxTicks)
    {
        maxTicks = Math.Max(2, maxTicks);
        if (min > max) (min, max) = (max, min);
        foreach (var step in Steps)
        {
            if ((max - min) / step.Days + 1 > maxTicks + 1) continue;
            var values = Generate(step.Unit, step.Count, min, max);
            if (values.Count > maxTicks) continue;
            if (values.Count == 0 && step.Unit != Unit.Year) continue;
            return new Ticks(values, values.Select(v => Label(step.Unit, v)).ToArray());
        }
        return Ticks.Empty;
    }

    private static List<double> Generate(Unit unit, int count, double min, double max)
    {
        var values = new List<double>();
        const double eps = 1e-9;
        switch (unit)
        {
            case Unit.Minute or Unit.Hour or Unit.Day or Unit.Week:
            {
                var length = unit switch { Unit.Minute => count / 1440.0, Unit.Hour => count / 24.0, Unit.Day => count, _ => 7.0 * count };
                var origin = unit == Unit.Week ? 4 : 0; // 1970-01-05 was a Monday
                for (var k = Math.Ceiling((min - origin) / length - eps); origin + k * length <= max + eps; k++)
                    values.Add(unit is Unit.Minute or Unit.Hour ? Math.Round((origin + k * length) * 1440) / 1440 : origin + k * length);
                break;
            }
            case Unit.Month:
            {
                var start = AxisValues.FromDays(min);
                var month = start.Year * 12 + start.Month - 1;
                if (AxisValues.ToDays(new DateTime(start.Year, start.Month, 1)) < min - eps) month++;
                while (month % count != 0) month++;
                for (; ; month += count)
                {
                    var days = AxisValues.ToDays(new DateTime(month / 12, month % 12 + 1, 1));
                    if (days > max + eps) break;
                    values.Add(days);
                }
                break;
            }
            case Unit.Year:
            {
                var start = AxisValues.FromDays(min);
                var year = start.Year;
                if (AxisValues.ToDays(new DateTime(year, 1, 1)) < min - eps) year++;
                while (year % count != 0) year++;
                for (; year <= 9999; year += count)
                {
                    var days = AxisValues.ToDays(new DateTime(year, 1, 1));
                    if (days > max + eps) break;
                    values.Add(days);
                }
                break;
            }
        }
        return values;
    }

    private static string Label(Unit unit, double days)
    {
        var t = AxisValues.FromDays(days);
        var format = unit switch
        {
            Unit.Minute or Unit.Hour => t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "HH:mm",
            Unit.Day or Unit.Week => "yyyy-MM-dd",
            Unit.Month => "yyyy-MM",
            _ => "yyyy",
        };
        return t.ToString(format, CultureInfo.InvariantCulture);
    }
}
