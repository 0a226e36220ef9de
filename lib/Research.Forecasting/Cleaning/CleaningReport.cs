using System.Collections;
using System.Globalization;
using System.Net;
using System.Text;

namespace Research.Forecasting.Cleaning;

/// <summary>
/// What cleaning steps found and changed, one <see cref="CleaningEntry"/> per (step, series, problem).
/// A notebook displays it as a table; <see cref="Summary"/> totals it per problem.
/// </summary>
public sealed class CleaningReport : IReadOnlyList<CleaningEntry>
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
    public IReadOnlyList<PeriodCount> ByPeriod(string problem, string? step = null)
    {
        var entries = _entries.Where(e => e.Problem == problem && (step is null || e.Step == step)).ToArray();
        var frequency = entries.Select(e => e.Frequency).FirstOrDefault(f => f is not null);
        if (frequency is null) return [];
        var counts = new SortedDictionary<long, int>();
        foreach (var e in entries)
            foreach (var t in e.Times) counts[t] = counts.GetValueOrDefault(t) + 1;
        return counts.Select(kv => new PeriodCount(frequency.Format(kv.Key), kv.Value)).ToArray();
    }

    /// <summary>One row per (step, problem): series affected, total count, first and last period.</summary>
    public IReadOnlyList<CleaningSummary> Summary() =>
        _entries
            .GroupBy(e => (e.Step, e.Problem, e.Changed))
            .Select(g => new CleaningSummary(
                g.Key.Step, g.Key.Problem, g.Select(e => e.Series).Distinct().Count(), g.Sum(e => e.Count),
                Extreme(g, first: true), Extreme(g, first: false), g.Key.Changed))
            .ToArray();

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

    /// <summary>The summary as a fixed-width text table.</summary>
    public override string ToString()
    {
        var rows = Summary();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"step",-16} {"problem",-28} {"series",7} {"count",9} {"first",-10} {"last",-10} changed");
        foreach (var r in rows)
            sb.AppendLine(CultureInfo.InvariantCulture, $"{r.Step,-16} {r.Problem,-28} {r.Series,7:N0} {r.Count,9:N0} {r.First,-10} {r.Last,-10} {(r.Changed ? "yes" : "no")}");
        return sb.ToString();
    }

    /// <summary>The summary as an HTML table (for notebooks).</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table><thead><tr><th>step</th><th>problem</th><th>series</th><th>count</th><th>first</th><th>last</th><th>changed</th></tr></thead><tbody>");
        foreach (var r in Summary())
            sb.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{WebUtility.HtmlEncode(r.Step)}</td><td>{WebUtility.HtmlEncode(r.Problem)}</td><td>{r.Series:N0}</td><td>{r.Count:N0}</td><td>{WebUtility.HtmlEncode(r.First)}</td><td>{WebUtility.HtmlEncode(r.Last)}</td><td>{(r.Changed ? "yes" : "no")}</td></tr>");
        return sb.Append("</tbody></table>").ToString();
    }

    public IEnumerator<CleaningEntry> GetEnumerator() => ((IEnumerable<CleaningEntry>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
