namespace Research.Forecasting.Data;

/// <summary>How many series have data in one period.</summary>
/// <param name="Time">The period's time ordinal.</param>
/// <param name="Period">The period's label.</param>
/// <param name="Series">Series with a row in this period.</param>
/// <param name="Observed">Series whose target is observed (not NaN) in this period.</param>
public sealed record PeriodCoverage(long Time, string Period, int Series, int Observed);

/// <summary>Summaries of a panel's shape over time, for missing-data charts.</summary>
public static class PanelProfile
{
    /// <summary>For every period from the panel's first to its last: how many series have a row, and an observed target.</summary>
    public static IReadOnlyList<PeriodCoverage> Coverage(this SeriesPanel panel)
    {
        if (panel.RowCount == 0) return [];
        var first = panel.MinTime;
        var span = checked((int)(panel.MaxTime - first + 1));
        var rows = new int[span];
        var observed = new int[span];
        foreach (var s in panel.Series)
        {
            var time = s.Time;
            var y = s.Target;
            for (var k = 0; k < time.Length; k++)
            {
                var i = (int)(time[k] - first);
                rows[i]++;
                if (!double.IsNaN(y[k])) observed[i]++;
            }
        }
        return Enumerable.Range(0, span).Select(i => new PeriodCoverage(first + i, panel.Frequency.Format(first + i), rows[i], observed[i])).ToArray();
    }
}
