using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>
/// An outlier rule learned on a training window (<see cref="Outliers.Fit"/>): per series, the seasonal profile, residual
/// centre and scale of that window. <see cref="Apply"/> judges every value against a trailing-median trend of the values
/// at or before it with those fixed statistics, so applying it to a longer panel changes nothing in the training window
/// and reads no value after the one it judges. Series absent from the training window are left as they are.
/// </summary>
public sealed class FittedOutliers : ICleaningStep
{
    private readonly Outliers _options;
    private readonly IReadOnlyDictionary<string, HampelFit> _fits;

    internal FittedOutliers(Outliers options, IReadOnlyDictionary<string, HampelFit> fits)
    {
        _options = options;
        _fits = fits;
    }

    public string Name => _options.Name;

    /// <summary>The rule learned for a series, or null.</summary>
    public HampelFit? For(string series) => _fits.TryGetValue(series, out var f) ? f : null;

    public CleaningResult Apply(SeriesPanel panel)
    {
        var flag = _options.Action == OutlierAction.Flag;
        var existing = flag && panel.HasDynamic(_options.FlagColumn) ? panel.DynamicIndex(_options.FlagColumn) : -1;
        var b = PanelBuilder.Like(panel, extraDynamic: flag && existing < 0 ? [new ColumnInfo(_options.FlagColumn)] : null);
        var entries = new List<CleaningEntry>();
        foreach (var s in panel.Series)
        {
            var y = s.Target.ToArray();
            var flags = existing >= 0 ? s.Dynamic(existing).ToArray() : new double[y.Length];
            var found = new List<long>();
            if (_fits.TryGetValue(s.Id, out var fit))
            {
                var (isOutlier, fitted) = RobustStatistics.ApplyHampel(fit, s.Time, s.Target);
                for (var k = 0; k < y.Length; k++)
                {
                    if (!isOutlier[k]) continue;
                    found.Add(s.Time[k]);
                    switch (_options.Action)
                    {
                        case OutlierAction.Flag: flags[k] = 1; break;
                        case OutlierAction.SetMissing: y[k] = double.NaN; break;
                        case OutlierAction.Cap:
                            var bound = fit.Threshold * fit.Sigma;
                            y[k] = Math.Clamp(y[k], fitted[k] - bound, fitted[k] + bound);
                            break;
                    }
                }
            }
            var problem = _options.Action switch
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
