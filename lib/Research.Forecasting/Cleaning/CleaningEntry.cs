namespace Research.Forecasting.Cleaning;

/// <summary>
/// One line of a cleaning report: what a step found or changed in one series.
/// </summary>
/// <param name="Step">The step that wrote the entry (e.g. <c>CompleteGrid</c>).</param>
/// <param name="Series">The series id (key values joined with '/'), or <c>(all)</c> for table-wide entries.</param>
/// <param name="Problem">What was found, e.g. <c>missing period</c>, <c>closed day</c>, <c>outlier</c>.</param>
/// <param name="Count">How many rows (periods or lines) it concerns.</param>
/// <param name="First">Label of the first affected period.</param>
/// <param name="Last">Label of the last affected period.</param>
/// <param name="Periods">The affected periods as runs, e.g. <c>2014-07-01..2014-12-31</c> (long lists are cut).</param>
/// <param name="Changed">Whether the step changed the data (false: only reported).</param>
public sealed record CleaningEntry(string Step, string Series, string Problem, int Count, string First, string Last, string Periods, bool Changed)
{
    /// <summary>The affected time ordinals (kept out of displays; see <see cref="CleaningReport.ByPeriod"/>).</summary>
    internal IReadOnlyList<long> Times { get; init; } = [];

    internal Data.Frequency? Frequency { get; init; }
}

/// <summary>One line of <see cref="CleaningReport.ByPeriod"/>: how many series a problem hits in one period.</summary>
public sealed record PeriodCount(string Period, int Series);

/// <summary>One line of <see cref="CleaningReport.Summary"/>: a problem totalled over series.</summary>
public sealed record CleaningSummary(string Step, string Problem, int Series, int Count, string First, string Last, bool Changed);
