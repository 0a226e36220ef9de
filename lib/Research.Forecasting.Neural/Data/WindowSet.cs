using Research.Forecasting.Data;

namespace Research.Forecasting.Neural.Data;

/// <summary>
/// Windows cut from the series of a panel, as flat float32 arrays ready to become tensors (row-major, window first).
/// A window whose last input is row t of a series holds rows t−L+1..t as inputs (<see cref="Past"/>: [L, F]) and
/// rows t+1..t+H as targets (<see cref="Target"/>: [H]) with their known step features (<see cref="Future"/>: [H, C]).
/// Only windows over consecutive periods with every target and input observed are cut.
/// </summary>
public sealed class WindowSet
{
    private WindowSet(PanelEncoding e, int count)
    {
        Count = count;
        InputLength = e.InputLength;
        PastFeatures = e.PastFeatures;
        Horizon = e.Horizon;
        FutureFeatures = e.FutureFeatures;
        StaticFeatures = e.Static.Count;
        CategoryColumns = e.EmbeddedColumns.Count;
        Past = new float[count * InputLength * PastFeatures];
        Future = new float[count * Horizon * FutureFeatures];
        Static = new float[count * StaticFeatures];
        Categories = new long[count * CategoryColumns];
        Target = new float[count * Horizon];
        Scale = new float[count * 2];
        Series = new int[count];
        Origin = new long[count];
    }

    public int Count { get; }

    public int InputLength { get; }

    public int PastFeatures { get; }

    public int Horizon { get; }

    public int FutureFeatures { get; }

    public int StaticFeatures { get; }

    public int CategoryColumns { get; }

    public float[] Past { get; }

    public float[] Future { get; }

    public float[] Static { get; }

    public long[] Categories { get; }

    /// <summary>Scaled targets [Count, H] (zeros for forecast windows).</summary>
    public float[] Target { get; }

    /// <summary>Per window the centre and scale of its series' target scaling ([Count, 2]), for losses in the original units.</summary>
    public float[] Scale { get; }

    /// <summary>Series index (in the panel) of each window.</summary>
    public int[] Series { get; }

    /// <summary>Time ordinal of each window's last input.</summary>
    public long[] Origin { get; }

    /// <summary>
    /// Every training window of <paramref name="panel"/> whose targets all fall in <c>[targetsFrom, targetsTo]</c> (time
    /// ordinals), in series order then time order.
    /// </summary>
    public static WindowSet Cut(SeriesPanel panel, PanelEncoding e, long targetsFrom = long.MinValue, long targetsTo = long.MaxValue)
    {
        int l = e.InputLength, h = e.Horizon;
        var prepared = panel.Series.Select(s =>
        {
            var scale = e.TargetScale(s);
            var y = e.ScaledTarget(s, scale);
            var time = s.Time.ToArray();
            var ends = new List<int>();
            for (var t = l - 1; t + h < y.Length; t++)
            {
                if (time[t + h] - time[t - l + 1] != l + h - 1) continue; // a gap in the rows
                if (time[t + 1] < targetsFrom || time[t + h] > targetsTo) continue;
                var ok = true;
                for (var k = t - l + 1; k <= t + h && ok; k++) ok = double.IsFinite(y[k]);
                if (ok) ends.Add(t);
            }
            return (Series: s, Y: y, Time: time, Ends: ends, Scale: scale);
        }).ToArray();

        var set = new WindowSet(e, prepared.Sum(p => p.Ends.Count));
        var w = 0;
        foreach (var p in prepared)
        {
            if (p.Ends.Count == 0) continue;
            var steps = e.StepRows(p.Series);
            var statics = e.StaticRow(p.Series);
            var categories = e.CategoryRow(p.Series);
            foreach (var t in p.Ends)
            {
                set.FillPast(w, p.Y, steps, t, e);
                for (var k = 0; k < h; k++)
                {
                    set.Target[w * h + k] = (float)p.Y[t + 1 + k];
                    if (set.FutureFeatures > 0)
                        steps.AsSpan((t + 1 + k) * e.StepFeatures, e.StepFeatures).CopyTo(set.Future.AsSpan((w * h + k) * set.FutureFeatures));
                }
                set.FillSeries(w, p.Series.Index, p.Time[t], statics, categories, p.Scale);
                w++;
            }
        }
        return set;
    }

    /// <summary>
    /// One forecast window per series of <paramref name="history"/>: its last L rows as inputs (a missing target is
    /// imputed as 0, the scaled centre) and, as future features, the rows of <paramref name="future"/> for the H periods
    /// after the history (known covariates; when <paramref name="future"/> has fewer rows, its last row is repeated).
    /// A series that cannot be encoded gets an error instead of a window (<paramref name="errors"/>).
    /// </summary>
    public static WindowSet Last(SeriesPanel history, SeriesPanel future, PanelEncoding e, string?[] errors)
    {
        var set = new WindowSet(e, history.SeriesCount);
        int l = e.InputLength, h = e.Horizon;
        for (var i = 0; i < history.SeriesCount; i++)
        {
            var s = history[i];
            try
            {
                if (s.Length < l) throw new ArgumentException($"series {s.Id} has {s.Length} periods of history, the network reads {l}");
                var time = s.Time;
                var last = s.Length - 1;
                if (time[last] - time[last - l + 1] != l - 1) throw new ArgumentException($"series {s.Id}: its last {l} periods have gaps");
                var scale = e.TargetScale(s);
                var y = e.ScaledTarget(s, scale);
                for (var t = last - l + 1; t <= last; t++)
                    if (double.IsNaN(y[t])) y[t] = 0;
                var steps = e.StepRows(s);
                set.FillPast(i, y, steps, last, e);
                if (set.FutureFeatures > 0) set.FillFuture(i, s, future[i], e);
                set.FillSeries(i, i, time[last], e.StaticRow(s), e.CategoryRow(s), scale);
            }
            catch (ArgumentException ex)
            {
                errors[i] = ex.Message;
            }
        }
        return set;
    }

    private void FillPast(int w, double[] y, float[] steps, int t, PanelEncoding e)
    {
        var f = PastFeatures;
        var at = w * InputLength * f;
        for (var k = t - InputLength + 1; k <= t; k++, at += f)
        {
            Past[at] = (float)y[k];
            steps.AsSpan(k * e.StepFeatures, e.StepFeatures).CopyTo(Past.AsSpan(at + 1));
        }
    }

    private void FillFuture(int w, SeriesView history, SeriesView future, PanelEncoding e)
    {
        var c = FutureFeatures;
        var rows = e.StepRows(future);
        var last = history.LastTime;
        for (var k = 0; k < Horizon; k++)
        {
            var span = Future.AsSpan((w * Horizon + k) * c, c);
            if (e.Dynamic.Count > 0)
            {
                if (future.Length == 0) throw new ArgumentException($"series {history.Id}: no future rows carry the covariates of the forecast periods");
                var row = Math.Min(k, future.Length - 1);
                if (future.Time[row] != last + 1 + row)
                    throw new ArgumentException($"series {history.Id}: the future rows do not follow the history's last period {history.Panel.Frequency.Format(last)}");
                rows.AsSpan(row * e.StepFeatures, e.Dynamic.Count).CopyTo(span);
                foreach (var v in span[..e.Dynamic.Count])
                    if (!float.IsFinite(v)) throw new ArgumentException($"series {history.Id}: a covariate of the forecast periods is missing");
            }
            if (e.SeasonFeatures > 0) e.SeasonPosition(last + 1 + k, span.Slice(e.Dynamic.Count, 2));
        }
    }

    private void FillSeries(int w, int series, long origin, float[] statics, long[] categories, Affine scale)
    {
        Scale[2 * w] = (float)scale.Center;
        Scale[2 * w + 1] = (float)scale.Scale;
        statics.CopyTo(Static.AsSpan(w * StaticFeatures));
        categories.CopyTo(Categories.AsSpan(w * CategoryColumns));
        Series[w] = series;
        Origin[w] = origin;
    }
}
