using Research.Forecasting.Data;

namespace Research.Forecasting.Decisions.Lifecycle;

/// <summary>One series-period of a <see cref="LifecycleTimeline"/>.</summary>
public sealed record LifecyclePoint(string Series, long Time, LifecycleStage? Stage, double Smoothed, double Level, double Growth);

/// <summary>The share of the staged series-periods in one stage.</summary>
public sealed record StageShare(LifecycleStage Stage, int Periods, double Share);

/// <summary>
/// The life-cycle stages of every series of a panel, period by period (<see cref="LifecycleOptions.Classify"/> on each
/// series' target; each stage uses the data up to its period only).
/// </summary>
public sealed class LifecycleTimeline
{
    private readonly Dictionary<string, int> _index;

    private LifecycleTimeline(Frequency frequency, string[] series, long[][] times, LifecycleCurve[] curves, LifecycleOptions options)
    {
        Frequency = frequency;
        Series = series;
        Times = times;
        Curves = curves;
        Options = options;
        _index = series.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
    }

    public Frequency Frequency { get; }

    public LifecycleOptions Options { get; }

    /// <summary>Series ids (<see cref="SeriesView.Id"/>), in panel order.</summary>
    public IReadOnlyList<string> Series { get; }

    /// <summary>Time ordinals of each series.</summary>
    public IReadOnlyList<long[]> Times { get; }

    /// <summary>The curve of each series.</summary>
    public IReadOnlyList<LifecycleCurve> Curves { get; }

    /// <summary>
    /// Classifies every series of <paramref name="panel"/>; where <paramref name="observedColumn"/> is 0 (a period the
    /// cleaning filled in) the sales count as not observed.
    /// </summary>
    public static LifecycleTimeline Of(SeriesPanel panel, LifecycleOptions? options = null, string? observedColumn = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new LifecycleOptions();
        options.Validate();
        var n = panel.SeriesCount;
        var ids = new string[n];
        var times = new long[n][];
        var curves = new LifecycleCurve[n];
        var observed = observedColumn is null ? -1 : panel.DynamicIndex(observedColumn);
        for (var i = 0; i < n; i++)
        {
            var s = panel[i];
            ids[i] = s.Id;
            times[i] = s.Time.ToArray();
            var y = s.Target.ToArray();
            if (observed >= 0)
            {
                var o = s.Dynamic(observed);
                for (var t = 0; t < y.Length; t++) if (o[t] == 0) y[t] = double.NaN;
            }
            curves[i] = options.Classify(y);
        }
        return new LifecycleTimeline(panel.Frequency, ids, times, curves, options);
    }

    /// <summary>The stage of <paramref name="series"/> at <paramref name="time"/> (null before its first sale or outside its periods).</summary>
    public LifecycleStage? StageAt(string series, long time)
    {
        if (!_index.TryGetValue(series, out var i)) throw new ArgumentException($"no series '{series}' in the timeline", nameof(series));
        var t = Array.BinarySearch(Times[i], time);
        return t >= 0 ? Curves[i].Stages[t] : null;
    }

    /// <summary>Every series-period as a record.</summary>
    public IEnumerable<LifecyclePoint> Points()
    {
        for (var i = 0; i < Series.Count; i++)
        {
            var c = Curves[i];
            for (var t = 0; t < c.Length; t++)
                yield return new LifecyclePoint(Series[i], Times[i][t], c.Stages[t], c.Smoothed[t], c.Level[t], c.Growth[t]);
        }
    }

    /// <summary>The share of the series-periods with a stage in each stage (periods before a first sale are left out).</summary>
    public IReadOnlyList<StageShare> Shares()
    {
        var counts = new int[4];
        foreach (var c in Curves)
            foreach (var s in c.Stages)
                if (s is { } stage) counts[(int)stage]++;
        var total = counts.Sum();
        return [.. Enum.GetValues<LifecycleStage>().Select(s => new StageShare(s, counts[(int)s], total > 0 ? counts[(int)s] / (double)total : double.NaN))];
    }
}
