using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Feature families bound to a training panel: builds training matrices (every observed period of every series, once
/// per forecast step, each row from its own origin) and forecast matrices (one row per series and step from the last
/// period of the history). The first column is always <c>step</c>: one model serves every horizon ("horizon as a
/// feature"), so the rows of all steps train it together.
/// </summary>
public sealed class FittedFeatures
{
    private readonly IFittedFeatureFamily[] _families;
    private readonly int[] _offsets;

    internal FittedFeatures(FeatureOptions options, IReadOnlyList<string> dynamicColumns, IFittedFeatureFamily[] families)
    {
        Options = options;
        DynamicColumns = dynamicColumns;
        _families = families;
        var columns = new List<FeatureColumn> { new("step", "horizon") };
        _offsets = new int[families.Length + 1];
        _offsets[0] = 1;
        for (var f = 0; f < families.Length; f++)
        {
            columns.AddRange(families[f].Columns);
            _offsets[f + 1] = columns.Count;
        }
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two feature columns are named '{duplicate.Key}'");
        Columns = columns;
    }

    public FeatureOptions Options { get; }

    /// <summary>The training panel's dynamic columns, by name; every panel given later must have them.</summary>
    public IReadOnlyList<string> DynamicColumns { get; }

    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>
    /// The training matrix of <paramref name="train"/>: for every series, every period t with an observed target and every
    /// step h in <paramref name="gap"/>..<paramref name="steps"/>, the row forecasting t from origin t − h (when the origin
    /// has <see cref="FeatureOptions.MinHistory"/> observed values). Labels are the transformed targets.
    /// </summary>
    public FeatureMatrix Training(SeriesPanel train, int gap, int steps)
    {
        CheckSteps(gap, steps);
        var frames = Frames(train, null);
        var requests = new List<(int Series, int Origin, int Target)>();
        for (var i = 0; i < frames.Length; i++)
        {
            var frame = frames[i];
            var y = frame.Target;
            var seen = new int[y.Length + 1]; // observed values before index k
            for (var k = 0; k < y.Length; k++) seen[k + 1] = seen[k] + (double.IsNaN(y[k]) ? 0 : 1);
            for (var k = 0; k < y.Length; k++)
            {
                if (double.IsNaN(y[k])) continue;
                for (var h = gap; h <= steps; h++)
                {
                    var origin = k - h;
                    if (origin < 0 || seen[origin + 1] < Options.MinHistory) continue;
                    requests.Add((i, origin, k));
                }
            }
        }
        return Build(frames, requests, steps, labels: true);
    }

    /// <summary>
    /// The forecast matrix: for every series of <paramref name="history"/>, one row per step 1..<paramref name="steps"/>
    /// after its last period, with the covariates of <paramref name="future"/> (same series, same order; its target is not
    /// read). Steps before <paramref name="gap"/> are computed from an earlier origin at step <paramref name="gap"/>, the
    /// shortest step the model learned. Labels are NaN.
    /// </summary>
    public FeatureMatrix Forecast(SeriesPanel history, SeriesPanel? future, int gap, int steps)
    {
        CheckSteps(gap, steps);
        if (future is not null && future.SeriesCount != history.SeriesCount)
            throw new ArgumentException($"history has {history.SeriesCount} series, future {future.SeriesCount}", nameof(future));
        var frames = Frames(history, future);
        var requests = new List<(int Series, int Origin, int Target)>();
        for (var i = 0; i < frames.Length; i++)
        {
            var last = checked((int)(history[i].LastTime - frames[i].FirstTime));
            for (var h = 1; h <= steps; h++)
                requests.Add((i, h >= gap ? last : last - (gap - h), last + h));
        }
        return Build(frames, requests, steps, labels: false);
    }

    /// <summary>Rows of <paramref name="panel"/> at chosen origins and periods (the leakage tests use this); labels are the targets when visible.</summary>
    public FeatureMatrix Rows(SeriesPanel panel, IReadOnlyList<FeatureRequest> requests, int steps)
    {
        var frames = Frames(panel, null);
        var rows = requests.Select(r =>
        {
            var f = frames[r.Series];
            var origin = checked((int)(r.Origin - f.FirstTime));
            var target = checked((int)(r.Time - f.FirstTime));
            if (origin < 0 || target <= origin || target >= f.Length)
                throw new ArgumentException($"series {f.Series.Id}: origin {r.Origin} and period {r.Time} must satisfy first <= origin < period <= last", nameof(requests));
            return (r.Series, origin, target);
        }).ToList();
        return Build(frames, rows, steps, labels: true);
    }

    private SeriesFrame[] Frames(SeriesPanel history, SeriesPanel? future)
    {
        foreach (var c in DynamicColumns) history.DynamicIndex(c);
        var frames = new SeriesFrame[history.SeriesCount];
        for (var i = 0; i < frames.Length; i++)
        {
            var h = history[i];
            if (h.Length == 0) throw new ArgumentException($"series {h.Id} has no history");
            SeriesView? f = null;
            if (future is not null)
            {
                var fv = future[i];
                if (!string.Equals(fv.Id, h.Id, StringComparison.Ordinal))
                    throw new ArgumentException($"future series {i} is {fv.Id}, history series {i} is {h.Id}", nameof(future));
                f = fv;
            }
            frames[i] = SeriesFrame.Build(h, f, DynamicColumns, Options.Transform, Options.ObservedColumn);
        }
        foreach (var request in Options.Families.OfType<IGroupFeatureFamily>().Select(g => g.Group).Distinct())
            AddGroup(frames, history, request);
        return frames;
    }

    /// <summary>Per series and period, the mean of the target and of the requested covariates over the other series of its group.</summary>
    private void AddGroup(SeriesFrame[] frames, SeriesPanel panel, GroupRequest request)
    {
        var key = panel.KeyNames.ToList().IndexOf(request.Key);
        if (key < 0) throw new ArgumentException($"no key column '{request.Key}' to group by; the keys are {string.Join(", ", panel.KeyNames)}");
        var columns = request.Covariates.Select(c => DynamicColumns.ToList().IndexOf(c) is var j and >= 0 ? j
            : throw new ArgumentException($"no dynamic covariate '{c}' to average over groups")).ToArray();
        var first = frames.Min(f => f.FirstTime);
        var last = frames.Max(f => f.FirstTime + f.Length - 1);
        var span = checked((int)(last - first + 1));
        foreach (var members in Enumerable.Range(0, frames.Length).GroupBy(i => frames[i].Series.Key[key], StringComparer.Ordinal))
        {
            var series = members.ToArray();
            // sums and counts over the whole group by period, then each member's share taken out
            var sums = new double[columns.Length + 1][];
            var counts = new int[columns.Length + 1][];
            for (var v = 0; v <= columns.Length; v++)
            {
                sums[v] = new double[span];
                counts[v] = new int[span];
            }
            foreach (var i in series)
            {
                var f = frames[i];
                var offset = (int)(f.FirstTime - first);
                for (var v = 0; v <= columns.Length; v++)
                {
                    var x = v == 0 ? f.Target : f.Dynamic[columns[v - 1]];
                    for (var k = 0; k < f.Length; k++)
                        if (!double.IsNaN(x[k])) { sums[v][offset + k] += x[k]; counts[v][offset + k]++; }
                }
            }
            foreach (var i in series)
            {
                var f = frames[i];
                var offset = (int)(f.FirstTime - first);
                var means = new double[columns.Length + 1][];
                for (var v = 0; v <= columns.Length; v++)
                {
                    var x = v == 0 ? f.Target : f.Dynamic[columns[v - 1]];
                    var m = means[v] = new double[f.Length];
                    for (var k = 0; k < f.Length; k++)
                    {
                        var own = double.IsNaN(x[k]) ? 0 : 1;
                        var n = counts[v][offset + k] - own;
                        m[k] = n > 0 ? (sums[v][offset + k] - (own == 1 ? x[k] : 0)) / n : double.NaN;
                    }
                }
                f.Groups[request] = means;
            }
        }
    }

    private FeatureMatrix Build(SeriesFrame[] frames, List<(int Series, int Origin, int Target)> requests, int steps, bool labels)
    {
        var width = Columns.Count;
        var values = new float[(long)requests.Count * width];
        var label = new float[requests.Count];
        var series = new int[requests.Count];
        var origins = new long[requests.Count];
        var times = new long[requests.Count];
        Parallel.For(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new double[width], (r, _, buffer) =>
        {
            var (s, origin, target) = requests[r];
            var frame = frames[s];
            var known = Math.Min(origin + steps, frame.Length - 1);
            known = Math.Max(known, target);
            var row = new FeatureRow(frame, origin, target, known);
            buffer[0] = target - origin;
            for (var f = 0; f < _families.Length; f++)
                _families[f].Write(row, buffer.AsSpan(_offsets[f], _offsets[f + 1] - _offsets[f]));
            var dest = values.AsSpan((int)((long)r * width), width);
            for (var j = 0; j < width; j++) dest[j] = (float)buffer[j];
            label[r] = labels ? (float)frame.Target[target] : float.NaN;
            series[r] = s;
            origins[r] = frame.FirstTime + origin;
            times[r] = frame.FirstTime + target;
            return buffer;
        }, _ => { });
        return new FeatureMatrix(Columns, values, label, series, origins, times, [.. frames.Select(f => f.Series.Id)]);
    }

    private static void CheckSteps(int gap, int steps)
    {
        if (gap < 1) throw new ArgumentOutOfRangeException(nameof(gap), gap, "at least 1");
        if (steps < gap) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"at least the gap ({gap})");
    }
}
