using System.Globalization;

namespace Research.Forecasting.Charts;

/// <summary>
/// The positions of a trace along an axis: numbers, dates or text categories. Dates are kept as days since
/// 1970-01-01 (for drawing) and as ISO text (for Plotly); categories as text.
/// </summary>
public sealed record AxisValues
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    private AxisValues(AxisKind kind, double[] numbers, string[] labels)
    {
        Kind = kind;
        Numbers = numbers;
        Labels = labels;
    }

    /// <summary>Whether the values are numbers, dates or categories.</summary>
    public AxisKind Kind { get; }

    /// <summary>Numbers as given; dates as days since 1970-01-01 (fractional for times); categories: their index.</summary>
    public IReadOnlyList<double> Numbers { get; }

    /// <summary>Text of each value: ISO dates (<c>2015-03-02</c> or <c>2015-03-02 06:00:00</c>), category labels, or invariant numbers.</summary>
    public IReadOnlyList<string> Labels { get; }

    public int Count => Numbers.Count;

    /// <summary>0, 1, ..., <paramref name="count"/> - 1.</summary>
    public static AxisValues Index(int count) => FromNumbers(Enumerable.Range(0, count).Select(i => (double)i));

    public static AxisValues FromNumbers(IEnumerable<double> values)
    {
        var numbers = values.ToArray();
        return new AxisValues(AxisKind.Linear, numbers, numbers.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray());
    }

    public static AxisValues FromDates(IEnumerable<DateTime> values)
    {
        var dates = values.ToArray();
        return new AxisValues(AxisKind.Date, dates.Select(ToDays).ToArray(), dates.Select(IsoText).ToArray());
    }

    public static AxisValues FromCategories(IEnumerable<string> values)
    {
        var labels = values.ToArray();
        return new AxisValues(AxisKind.Category, labels.Select((_, i) => (double)i).ToArray(), labels);
    }

    /// <summary>
    /// Reads any sequence: numeric types become numbers, <see cref="DateOnly"/>, <see cref="DateTime"/> and
    /// <see cref="DateTimeOffset"/> (as UTC) become dates, strings and everything else (invariant text) categories.
    /// </summary>
    public static AxisValues From<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values switch
        {
            IEnumerable<double> d => FromNumbers(d),
            IEnumerable<double?> n => FromNumbers(n.Select(v => v ?? double.NaN)),
            IEnumerable<float> f => FromNumbers(f.Select(v => (double)v)),
            IEnumerable<int> i => FromNumbers(i.Select(v => (double)v)),
            IEnumerable<long> l => FromNumbers(l.Select(v => (double)v)),
            IEnumerable<short> s => FromNumbers(s.Select(v => (double)v)),
            IEnumerable<decimal> m => FromNumbers(m.Select(v => (double)v)),
            IEnumerable<DateOnly> d => FromDates(d.Select(v => v.ToDateTime(TimeOnly.MinValue))),
            IEnumerable<DateTime> t => FromDates(t),
            IEnumerable<DateTimeOffset> o => FromDates(o.Select(v => v.UtcDateTime)),
            IEnumerable<string> s => FromCategories(s),
            _ => FromCategories(values.Select(v => v switch
            {
                null => "",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            })),
        };
    }

    internal static double ToDays(DateTime t) => (t - Epoch).Ticks / (double)TimeSpan.TicksPerDay;

    internal static DateTime FromDays(double days) => Epoch.AddTicks((long)Math.Round(days * TimeSpan.TicksPerDay));

    /// <summary>Plotly's date text: the date alone at midnight, else with the time of day.</summary>
    internal static string IsoText(DateTime t) =>
        t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : t.Ticks % TimeSpan.TicksPerSecond == 0 ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
