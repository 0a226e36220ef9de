using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>
/// Fills missing values (<c>NaN</c>) of the target and/or dynamic covariates, series by series, with one
/// <see cref="FillMethod"/>. The report counts the filled values per series and column, and any value
/// that could not be filled (a series with no observed value at all).
/// </summary>
/// <param name="Method">How to fill.</param>
public sealed record Fill(FillMethod Method) : ICleaningStep
{
    /// <summary>Season length for <see cref="FillMethod.Seasonal"/>; 0 = the frequency's default (7 daily, 52 weekly, 12 monthly).</summary>
    public int SeasonLength { get; init; }

    /// <summary>Columns to fill, by name (the target's name or dynamic covariates); null = the target and every dynamic covariate.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    public string Name => $"Fill({Method})";

    public CleaningResult Apply(SeriesPanel panel)
    {
        var columns = Columns ?? [panel.TargetName, .. panel.DynamicColumns.Select(c => c.Name)];
        var fillTarget = columns.Contains(panel.TargetName);
        var dynIdx = columns.Where(c => c != panel.TargetName).Select(panel.DynamicIndex).ToHashSet();
        var season = SeasonLength > 0 ? SeasonLength : Math.Max(1, panel.Frequency.DefaultSeasonLength);
        var b = PanelBuilder.Like(panel);
        var entries = new List<CleaningEntry>();
        foreach (var s in panel.Series)
        {
            var target = s.Target.ToArray();
            if (fillTarget) Report(s, panel.TargetName, target);
            var dyn = new double[panel.DynamicColumns.Count][];
            for (var c = 0; c < dyn.Length; c++)
            {
                dyn[c] = s.Dynamic(c).ToArray();
                if (dynIdx.Contains(c)) Report(s, panel.DynamicColumns[c].Name, dyn[c]);
            }
            b.Add(s, target: target, dynamic: dyn);
        }
        return new CleaningResult(b.Build(), new CleaningReport(entries));

        void Report(SeriesView s, string column, double[] values)
        {
            var missing = new List<long>();
            var time = s.Time;
            for (var k = 0; k < values.Length; k++) if (double.IsNaN(values[k])) missing.Add(time[k]);
            if (missing.Count == 0) return;
            _ = Method switch
            {
                FillMethod.ForwardBackward => FillKernels.ForwardBackward(values),
                FillMethod.Linear => FillKernels.Linear(time, values),
                FillMethod.Seasonal => FillKernels.Seasonal(time, values, season),
                FillMethod.Zero => FillKernels.Zero(values),
                _ => throw new ArgumentOutOfRangeException(nameof(Method), Method, "unknown fill method"),
            };
            var filled = missing.Where(t => !double.IsNaN(values[s.RowOf(t)])).ToList();
            var left = missing.Where(t => double.IsNaN(values[s.RowOf(t)])).ToList();
            if (PeriodRuns.Entry(Name, s, $"filled {column}", filled, changed: true) is { } e) entries.Add(e);
            if (PeriodRuns.Entry(Name, s, $"unfillable {column}", left, changed: false) is { } u) entries.Add(u);
        }
    }
}
