using System.Text;
using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>Builds report entries from the time ordinals a step touched in one series.</summary>
internal static class PeriodRuns
{
    private const int MaxRuns = 4;

    /// <summary>An entry for the affected <paramref name="times"/> (sorted ordinals); null when there are none.</summary>
    public static CleaningEntry? Entry(string step, SeriesView series, string problem, IReadOnlyList<long> times, bool changed)
    {
        if (times.Count == 0) return null;
        var f = series.Panel.Frequency;
        return new CleaningEntry(step, series.Id, problem, times.Count, f.Format(times[0]), f.Format(times[^1]), Describe(f, times), changed)
        {
            Times = [.. times],
            Frequency = f,
        };
    }

    /// <summary>Runs of consecutive periods, e.g. <c>2014-07-01..2014-12-31, 2015-01-05</c>, cut after a few runs.</summary>
    public static string Describe(Frequency f, IReadOnlyList<long> times)
    {
        var sb = new StringBuilder();
        var runs = 0;
        var i = 0;
        while (i < times.Count)
        {
            var j = i;
            while (j + 1 < times.Count && times[j + 1] == times[j] + 1) j++;
            if (runs == MaxRuns)
            {
                var left = 1;
                for (var k = j + 1; k < times.Count; k++) if (times[k] != times[k - 1] + 1) left++;
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $", (+{left} more)");
                break;
            }
            if (runs > 0) sb.Append(", ");
            sb.Append(f.Format(times[i]));
            if (j > i) sb.Append("..").Append(f.Format(times[j]));
            runs++;
            i = j + 1;
        }
        return sb.ToString();
    }
}
