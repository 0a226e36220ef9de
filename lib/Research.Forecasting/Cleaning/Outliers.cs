using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>
/// Finds outliers in the target with a seasonal Hampel rule on a robust residual and flags, caps or removes them.
/// <see cref="Apply"/> is retrospective (<see cref="RobustStatistics.SeasonalHampel"/>: a centred trend window and
/// statistics of the whole series, so a value is judged with later values too): right for exploring data (notebook 01),
/// wrong inside a forecast. For forecasting, <see cref="Fit"/> learns the rule on a training window only
/// (<see cref="RobustStatistics.FitSeasonalHampel"/>: trailing trend) and the returned <see cref="FittedOutliers"/>
/// applies it to that window and to later data, judging each value on the past.
/// </summary>
public sealed record Outliers : ICleaningStep
{
    /// <summary>Season length m (1 = no seasonal term; 7 for daily retail data).</summary>
    public int SeasonLength { get; init; } = 1;

    /// <summary>Width in periods of the rolling-median trend window.</summary>
    public int Window { get; init; } = 7;

    /// <summary>How many robust standard deviations make an outlier.</summary>
    public double Threshold { get; init; } = 3.0;

    public OutlierAction Action { get; init; } = OutlierAction.Flag;

    /// <summary>The 0/1 dynamic column written by <see cref="OutlierAction.Flag"/>.</summary>
    public string FlagColumn { get; init; } = "outlier";

    public string Name => "Outliers";

    /// <summary>Learns the rule of every series on <paramref name="train"/> (a round's training window).</summary>
    public FittedOutliers Fit(SeriesPanel train)
    {
        var fits = new Dictionary<string, HampelFit>(StringComparer.Ordinal);
        foreach (var s in train.Series)
            fits[s.Id] = RobustStatistics.FitSeasonalHampel(s.Time, s.Target, SeasonLength, Window, Threshold);
        return new FittedOutliers(this, fits);
    }

    public CleaningResult Apply(SeriesPanel panel)
    {
        var flag = Action == OutlierAction.Flag;
        var existing = flag && panel.HasDynamic(FlagColumn) ? panel.DynamicIndex(FlagColumn) : -1;
        var b = PanelBuilder.Like(panel, extraDynamic: flag && existing < 0 ? [new ColumnInfo(FlagColumn)] : null);
        var entries = new List<CleaningEntry>();
        foreach (var s in panel.Series)
        {
            var (isOutlier, fitted, sigma) = RobustStatistics.SeasonalHampel(s.Time, s.Target, SeasonLength, Window, Threshold);
            var y = s.Target.ToArray();
            var flags = existing >= 0 ? s.Dynamic(existing).ToArray() : new double[y.Length];
            var found = new List<long>();
            for (var k = 0; k < y.Length; k++)
            {
                if (!isOutlier[k]) continue;
                found.Add(s.Time[k]);
                switch (Action)
                {
                    case OutlierAction.Flag: flags[k] = 1; break;
                    case OutlierAction.SetMissing: y[k] = double.NaN; break;
                    case OutlierAction.Cap:
                        var bound = Threshold * sigma;
                        y[k] = Math.Clamp(y[k], fitted[k] - bound, fitted[k] + bound);
                        break;
                }
            }
            var problem = Action switch
            {
                OutlierAction.Flag => "outlier (flagged)",
                OutlierAction.Cap => "outlier (capped)",
                _ => "outlier (removed)",
            };
            if (PeriodRuns.Entry(Name, s, problem, found, changed: true) is { } e) entries.Add(e);
            if (!flag) b.Add(s, target: y);
            else if (existing >= 0)
            {
                var dyn = Enumerable.Range(0, panel.DynamicColumns.Count).Select(c => c == existing ? flags : s.Dynamic(c).ToArray()).ToArray();
                b.Add(s, dynamic: dyn);
            }
            else b.Add(s, extraDynamic: [flags]);
        }
        return new CleaningResult(b.Build(), new CleaningReport(entries));
    }
}
