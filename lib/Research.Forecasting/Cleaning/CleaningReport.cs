using System.Collections;
using Research.Forecasting.Display;
using Research.Forecasting.Reporting;

namespace Research.Forecasting.Cleaning;

/// <summary>
/// What cleaning steps found and changed, one <see cref="CleaningEntry"/> per (step, series, problem).
/// A notebook displays it as its <see cref="Summary"/> table, which totals it per problem.
/// </summary>
[TypeFormatterSource(typeof(TableFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class CleaningReport : IReadOnlyList<CleaningEntry>, ITableView
{
    private readonly CleaningEntry[] _entries;

    public CleaningReport(IEnumerable<CleaningEntry> entries) => _entries = [.. entries];

    public static CleaningReport Empty { get; } = new([]);

    public int Count => _entries.Length;

    public CleaningEntry this[int index] => _entries[index];

    /// <summary>Entries of this report followed by those of <paramref name="other"/>.</summary>
    public CleaningReport Concat(CleaningReport other) => new(_entries.Concat(other._entries));

    /// <summary>Total count for a problem (and step, when given) over all series.</summary>
    public int Total(string problem, string? step = null) =>
        _entries.Where(e => e.Problem == problem && (step is null || e.Step == step)).Sum(e => e.Count);

    /// <summary>Number of series with at least one entry for a problem.</summary>
    public int SeriesAffected(string problem, string? step = null) =>
        _entries.Where(e => e.Problem == problem && (step is null || e.Step == step)).Select(e => e.Series).Distinct().Count();

    /// <summary>The entries of one series.</summary>
    public IEnumerable<CleaningEntry> ForSeries(string series) => _entries.Where(e => e.Series == series);

    /// <summary>
    /// For one problem: the number of series it hits in each period, periods in time order. Shows whether a
    /// problem is spread out or concentrated (e.g. 180 Rossmann stores missing the same half year).
    /// </summary>
    public Table<PeriodCount> ByPeriod(string problem, string? step = null)
    {
        var entries = _entries.Where(e => e.Problem == problem && (step is null || e.Step == step)).ToArray();
        var frequency = entries.Select(e => e.Frequency).FirstOrDefault(f => f is not null);
        if (frequency is null) return new Table<PeriodCount>([]);
        var counts = new SortedDictionary<long, int>();
        foreach (var e in entries)
            foreach (var t in e.Times) counts[t] = counts.GetValueOrDefault(t) + 1;
        return counts.Select(kv => new PeriodCount(frequency.Format(kv.Key), kv.Value)).ToTable();
    }

    /// <summary>One row per (step, problem): series affected, total count, first and last period.</summary>
    public Table<CleaningSummary> Summary() =>
        _entries
            .GroupBy(e => (e.Step, e.Problem, e.Changed))
            .Select(g => new CleaningSummary(
                g.Key.Step, g.Key.Problem, g.Select(e => e.Series).Distinct().Count(), g.Sum(e => e.Count),
                Extreme(g, first: true), Extreme(g, first: false), g.Key.Changed))
            .ToTable();

    // earliest First / latest Last, by time ordinal where entries carry one (labels like "99" and "108" do not sort as text)
    private static string Extreme(IEnumerable<CleaningEntry> entries, bool first)
    {
        var timed = entries.Where(e => e.Times.Count > 0 && e.Frequency is not null).ToArray();
        if (timed.Length > 0)
        {
            var t = first ? timed.Min(e => e.Times[0]) : timed.Max(e => e.Times[^1]);
            return timed[0].Frequency!.Format(t);
        }
        var labels = entries.Select(e => first ? e.First : e.Last).Where(s => s.Length > 0).ToArray();
        return labels.Length == 0 ? "" : first ? labels.Min(StringComparer.Ordinal)! : labels.Max(StringComparer.Ordinal)!;
    }

    /// <summary>The summary table (what a notebook shows for a report).</summary>
    public TableView ToTableView() => Summary().ToTableView();

    /// <summary>The summary as aligned text.</summary>
    public override string ToString() => Summary().ToString();

    public IEnumerator<CleaningEntry> GetEnumerator() => ((IEnumerable<CleaningEntry>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
