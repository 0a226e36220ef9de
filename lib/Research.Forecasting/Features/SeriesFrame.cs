using Research.Forecasting.Data;
using Research.Forecasting.Models;

namespace Research.Forecasting.Features;

/// <summary>
/// One series on a dense time grid from its first period to its last (history, then the future rows when forecasting):
/// the target on the model's scale (NaN where missing or unobserved, and in the future) and the dynamic covariates, by
/// the training panel's column order. Internal: families see it only through <see cref="FeatureRow"/>.
/// </summary>
internal sealed class SeriesFrame
{
    private SeriesFrame(SeriesView series, long firstTime, double[] target, double[][] dynamic)
    {
        Series = series;
        FirstTime = firstTime;
        Target = target;
        Dynamic = dynamic;
    }

    public SeriesView Series { get; }

    public long FirstTime { get; }

    public double[] Target { get; }

    public double[][] Dynamic { get; }

    public int Length => Target.Length;

    /// <summary>
    /// Means over the other series of this series' group (same value of a key column), by period, aligned with
    /// <see cref="Target"/>: per grouping (see <see cref="IGroupFeatureFamily"/>), the target, then each covariate asked for.
    /// </summary>
    public Dictionary<GroupRequest, double[][]> Groups { get; } = [];

    /// <summary>
    /// The frame of <paramref name="history"/> followed by <paramref name="future"/> (optional; its target is never
    /// read). <paramref name="columns"/> are the training panel's dynamic column names; <paramref name="observed"/> a
    /// 0/1 column whose zeros hide the target (or -1).
    /// </summary>
    public static SeriesFrame Build(SeriesView history, SeriesView? future, IReadOnlyList<string> columns, TargetTransform transform, string? observed)
    {
        var first = history.FirstTime;
        var last = future is { Length: > 0 } f ? Math.Max(history.LastTime, f.LastTime) : history.LastTime;
        var n = checked((int)(last - first + 1));
        var target = new double[n];
        Array.Fill(target, double.NaN);
        var time = history.Time;
        var y = history.Target;
        var seen = observed is null ? default : history.Dynamic(observed);
        for (var k = 0; k < time.Length; k++)
        {
            if (observed is not null && seen[k] != 1) continue;
            var v = transform.Apply(y[k]);
            target[time[k] - first] = double.IsFinite(v) ? v : double.NaN;
        }
        var dynamic = new double[columns.Count][];
        for (var c = 0; c < columns.Count; c++)
        {
            var d = dynamic[c] = new double[n];
            Array.Fill(d, double.NaN);
            var hv = history.Dynamic(columns[c]);
            for (var k = 0; k < time.Length; k++) d[time[k] - first] = hv[k];
            if (future is { } fu)
            {
                var ft = fu.Time;
                var fv = fu.Dynamic(columns[c]);
                for (var k = 0; k < ft.Length; k++)
                    if (ft[k] > history.LastTime) d[ft[k] - first] = fv[k];
            }
        }
        return new SeriesFrame(history, first, target, dynamic);
    }
}
