using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Calendar of the forecast period: month, ISO week of year, week of month, day of month and day of week (daily data
/// only), and the values of holiday covariates at that period (Rossmann's <c>StateHoliday</c> and
/// <c>SchoolHoliday</c>; dynamic columns known in advance). Integer periods (the orange-juice weeks) are placed on the
/// calendar by <see cref="PeriodOne"/>, the date of period 1, and <see cref="PeriodDays"/>; without it only the holidays
/// are written.
/// </summary>
public sealed record CalendarFeatures : IFeatureFamily
{
    /// <summary>Date of period 1 for integer periods (Dominick's week 1 starts 1989-09-14).</summary>
    public DateOnly? PeriodOne { get; init; }

    /// <summary>Days per integer period.</summary>
    public int PeriodDays { get; init; } = 7;

    /// <summary>Dynamic columns marking holidays (categorical columns are written as their codes).</summary>
    public IReadOnlyList<string> Holidays { get; init; } = [];

    public string Name => "calendar";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        var holidays = Holidays.Select(train.DynamicIndex).ToArray();
        var hasDates = train.Frequency.IsCalendar || PeriodOne is not null;
        var daily = train.Frequency.Kind == FrequencyKind.Daily;
        var columns = new List<FeatureColumn>();
        if (hasDates)
        {
            columns.Add(new("calendar.month", Name));
            columns.Add(new("calendar.week_of_year", Name));
            columns.Add(new("calendar.week_of_month", Name));
            columns.Add(new("calendar.day_of_month", Name));
            if (daily) columns.Add(new("calendar.day_of_week", Name));
        }
        foreach (var h in holidays)
        {
            var info = train.DynamicColumns[h];
            columns.Add(new($"calendar.{info.Name}", Name, info.IsCategorical ? info.Levels!.Count : 0));
        }
        return new Fitted(this, [.. columns], holidays, hasDates, daily);
    }

    private sealed class Fitted(CalendarFeatures o, FeatureColumn[] columns, int[] holidays, bool hasDates, bool daily) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var c = 0;
            if (hasDates)
            {
                var date = row.Frequency.IsCalendar ? row.Frequency.ToDate(row.Time) : o.PeriodOne!.Value.AddDays((int)((row.Time - 1) * o.PeriodDays));
                values[c++] = date.Month;
                values[c++] = ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue));
                values[c++] = (date.Day - 1) / 7 + 1;
                values[c++] = date.Day;
                if (daily) values[c++] = (int)date.DayOfWeek;
            }
            foreach (var h in holidays) values[c++] = row.Covariate(h)[row.TargetIndex];
        }
    }
}
