using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>
/// Makes gaps explicit: every series gets one row per period from its first period (or <see cref="From"/>,
/// if earlier) to its last (or <see cref="To"/>, if later). Added rows have a <c>NaN</c> target and
/// <c>NaN</c> covariates, and a dynamic flag column (<see cref="ObservedColumn"/>) records which rows were in
/// the data (1) and which were added (0), so evaluation can still use observed periods only.
/// </summary>
public sealed record CompleteGrid : ICleaningStep
{
    /// <summary>First period of the grid (time ordinal); null = each series' own first period.</summary>
    public long? From { get; init; }

    /// <summary>Last period of the grid (time ordinal); null = each series' own last period.</summary>
    public long? To { get; init; }

    /// <summary>Name of the 0/1 dynamic column marking observed rows.</summary>
    public string ObservedColumn { get; init; } = "observed";

    /// <summary>
    /// Also mark rows of the data whose target is missing as not observed (0), so that a later <see cref="Fill"/> of
    /// the target does not turn an imputed value into an actual to score. False by default.
    /// </summary>
    public bool MissingTargetIsUnobserved { get; init; }

    public string Name => "CompleteGrid";

    public CleaningResult Apply(SeriesPanel panel)
    {
        var hasObserved = panel.HasDynamic(ObservedColumn);
        var b = PanelBuilder.Like(panel, extraDynamic: hasObserved ? null : [new ColumnInfo(ObservedColumn)]);
        var entries = new List<CleaningEntry>();
        var observedIndex = hasObserved ? panel.DynamicIndex(ObservedColumn) : -1;
        foreach (var s in panel.Series)
        {
            if (s.Length == 0 && (From is null || To is null))
            {
                b.Add(s, extraDynamic: hasObserved ? null : [[]]);
                continue;
            }
            var lo = s.Length == 0 ? From!.Value : Math.Min(s.FirstTime, From ?? long.MaxValue);
            var hi = s.Length == 0 ? To!.Value : Math.Max(s.LastTime, To ?? long.MinValue);
            var n = checked((int)(hi - lo + 1));
            var time = new long[n];
            var target = Filled(n);
            var dyn = Enumerable.Range(0, panel.DynamicColumns.Count).Select(_ => Filled(n)).ToArray();
            var observed = new double[n];
            for (var k = 0; k < n; k++) time[k] = lo + k;
            var src = s.Time;
            var y = s.Target;
            for (var r = 0; r < src.Length; r++)
            {
                var k = (int)(src[r] - lo);
                target[k] = y[r];
                observed[k] = MissingTargetIsUnobserved && double.IsNaN(y[r]) ? 0 : 1;
            }
            for (var c = 0; c < dyn.Length; c++)
            {
                var v = s.Dynamic(c);
                for (var r = 0; r < src.Length; r++) dyn[c][(int)(src[r] - lo)] = v[r];
            }
            if (hasObserved)
            {
                for (var k = 0; k < n; k++) if (observed[k] == 0) dyn[observedIndex][k] = 0;
            }
            var added = new List<long>();
            for (var k = 0; k < n; k++) if (s.RowOf(time[k]) < 0) added.Add(time[k]);
            if (PeriodRuns.Entry(Name, s, "missing period", added, changed: true) is { } e) entries.Add(e);
            b.Add(s, time, target, dyn, extraDynamic: hasObserved ? null : [observed]);
        }
        return new CleaningResult(b.Build(), new CleaningReport(entries));
    }

    private static double[] Filled(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }
}
