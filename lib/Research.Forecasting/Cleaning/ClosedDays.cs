using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>
/// Periods when the shop was closed (Rossmann <c>Open = 0</c>) carry no demand information: their target
/// becomes <c>NaN</c> so models and metrics skip them, while the open flag stays as a covariate. The report
/// also lists what looks wrong around closures: non-zero sales on a closed day, and zero sales on an open day
/// (reported only, not changed).
/// </summary>
public sealed record ClosedDays : ICleaningStep
{
    /// <summary>The 0/1 dynamic column that says whether the shop was open.</summary>
    public string OpenColumn { get; init; } = "Open";

    public string Name => "ClosedDays";

    public CleaningResult Apply(SeriesPanel panel)
    {
        var open = panel.DynamicIndex(OpenColumn);
        var b = PanelBuilder.Like(panel);
        var entries = new List<CleaningEntry>();
        foreach (var s in panel.Series)
        {
            var y = s.Target.ToArray();
            var isOpen = s.Dynamic(open);
            var time = s.Time;
            List<long> closed = [], salesWhileClosed = [], zeroWhileOpen = [];
            for (var k = 0; k < y.Length; k++)
            {
                if (isOpen[k] == 0)
                {
                    closed.Add(time[k]);
                    if (!double.IsNaN(y[k]) && y[k] != 0) salesWhileClosed.Add(time[k]);
                    y[k] = double.NaN;
                }
                else if (isOpen[k] == 1 && y[k] == 0)
                {
                    zeroWhileOpen.Add(time[k]);
                }
            }
            if (PeriodRuns.Entry(Name, s, "closed (target excluded)", closed, changed: true) is { } a) entries.Add(a);
            if (PeriodRuns.Entry(Name, s, "sales while closed", salesWhileClosed, changed: true) is { } c) entries.Add(c);
            if (PeriodRuns.Entry(Name, s, "zero sales while open", zeroWhileOpen, changed: false) is { } z) entries.Add(z);
            b.Add(s, target: y);
        }
        return new CleaningResult(b.Build(), new CleaningReport(entries));
    }
}
