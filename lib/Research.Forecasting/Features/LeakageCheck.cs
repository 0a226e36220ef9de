using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>What a leakage check found for one feature family.</summary>
/// <param name="Family">The family's name.</param>
/// <param name="Columns">Columns the family writes.</param>
/// <param name="Cells">Feature values compared (rows times columns).</param>
/// <param name="ChangedByFuture">Values that changed when everything the rows may not see was replaced by noise: 0 unless the family leaks.</param>
/// <param name="ChangedByVisiblePast">Values that changed when the last periods the rows may see were replaced as well: the control, showing the perturbation reaches a family that reads the past.</param>
public sealed record LeakageResult(string Family, int Columns, long Cells, long ChangedByFuture, long ChangedByVisiblePast)
{
    /// <summary>True when a value depends on something after the row's origin (targets) or after its last forecast period (covariates).</summary>
    public bool Leaks => ChangedByFuture > 0;
}

/// <summary>
/// Perturb the future, compare the features. For each family of a feature set, rows are built at one origin for
/// every step of the horizon, on the real panel and on a copy in which every target after the origin and every dynamic
/// covariate after the last forecast period are replaced by noise (drawn from a seeded generator). A family that
/// leaks changes a value. As a control the same rows are built on a copy perturbed from <see cref="ControlPeriods"/>
/// periods before the origin, which a family that reads the recent past must notice. The family is fitted on the
/// training window ending at the origin, as in a backtest round.
/// </summary>
public static class LeakageCheck
{
    /// <summary>How many visible periods before the origin the control perturbs.</summary>
    public const int ControlPeriods = 3;

    /// <summary>Checks every family of <paramref name="options"/> at <paramref name="origin"/> for forecasts 1..<paramref name="steps"/> periods ahead.</summary>
    public static IReadOnlyList<LeakageResult> Run(SeriesPanel panel, FeatureOptions options, long origin, int steps, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(options);
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "at least 1");
        var requests = new List<FeatureRequest>();
        for (var i = 0; i < panel.SeriesCount; i++)
        {
            var s = panel[i];
            if (s.Length == 0 || s.FirstTime > origin - ControlPeriods || s.LastTime < origin + steps) continue;
            for (var h = 1; h <= steps; h++) requests.Add(new FeatureRequest(i, origin, origin + h));
        }
        if (requests.Count == 0)
            throw new ArgumentException($"no series covers {panel.Frequency.Format(origin - ControlPeriods)}..{panel.Frequency.Format(origin + steps)}", nameof(origin));
        var future = Perturb(panel, lastTarget: origin, lastCovariate: origin + steps, seed);
        var control = Perturb(panel, lastTarget: origin - ControlPeriods, lastCovariate: origin - ControlPeriods, seed + 1);
        var train = panel.Until(origin);
        var results = new List<LeakageResult>();
        foreach (var family in options.Families)
        {
            var fitted = (options with { Families = [family] }).Fit(train);
            var before = fitted.Rows(panel, requests, steps);
            // the family's own columns (the matrix also holds the step)
            var own = Enumerable.Range(0, before.Width).Where(j => before.Columns[j].Family == family.Name).ToArray();
            var byFuture = Differences(before, fitted.Rows(future, requests, steps), own);
            var byPast = Differences(before, fitted.Rows(control, requests, steps), own);
            results.Add(new LeakageResult(family.Name, own.Length, (long)before.Rows * own.Length, byFuture, byPast));
        }
        return results;
    }

    /// <summary>
    /// A copy of <paramref name="panel"/> with every target after <paramref name="lastTarget"/> and every dynamic covariate
    /// after <paramref name="lastCovariate"/> replaced by seeded noise (positive targets; a random level of a categorical
    /// covariate; 0 or a positive value otherwise).
    /// </summary>
    public static SeriesPanel Perturb(SeriesPanel panel, long lastTarget, long lastCovariate, int seed)
    {
        var random = new Random(seed);
        var b = PanelBuilder.Like(panel);
        foreach (var s in panel.Series)
        {
            var t = s.Time;
            var y = s.Target.ToArray();
            for (var k = 0; k < y.Length; k++) if (t[k] > lastTarget) y[k] = 1 + 1000 * random.NextDouble();
            var dynamic = new double[panel.DynamicColumns.Count][];
            for (var c = 0; c < dynamic.Length; c++)
            {
                var column = panel.DynamicColumns[c];
                dynamic[c] = s.Dynamic(c).ToArray();
                for (var k = 0; k < t.Length; k++)
                    if (t[k] > lastCovariate)
                        dynamic[c][k] = column.IsCategorical ? random.Next(column.Levels!.Count) : random.Next(2) == 0 ? 0 : 1 + 3 * random.NextDouble();
            }
            b.Add(s, target: y, dynamic: dynamic);
        }
        return b.Build();
    }

    private static long Differences(FeatureMatrix a, FeatureMatrix b, int[] columns)
    {
        long changed = 0;
        for (var r = 0; r < a.Rows; r++)
            foreach (var j in columns)
            {
                var (x, y) = (a[r, j], b[r, j]);
                if (!(x == y || (float.IsNaN(x) && float.IsNaN(y)))) changed++;
            }
        return changed;
    }
}
