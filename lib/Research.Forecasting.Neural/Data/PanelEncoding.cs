using Research.Forecasting.Data;
using Research.Forecasting.Models;

namespace Research.Forecasting.Neural.Data;

/// <summary>
/// What is fitted from the training panel to turn its rows into network inputs: the target transform and each series'
/// scaling, the standardisation of the dynamic and static covariates (over training rows and series), and the levels of
/// the embedded key columns. Saved with a trained model; plain data, serialisable to JSON.
/// </summary>
public sealed record PanelEncoding
{
    public required int InputLength { get; init; }

    public required int Horizon { get; init; }

    /// <summary>Season length of the season-position features (0 or 1 = none).</summary>
    public required int SeasonLength { get; init; }

    public required bool KnownFuture { get; init; }

    public required TargetTransform Transform { get; init; }

    public required Scaling Scaling { get; init; }

    /// <summary>Scaling of each training series' transformed target, by series id.</summary>
    public required IReadOnlyDictionary<string, Affine> TargetScales { get; init; }

    public required IReadOnlyList<string> Dynamic { get; init; }

    public required IReadOnlyList<Affine> DynamicScales { get; init; }

    public required IReadOnlyList<string> Static { get; init; }

    public required IReadOnlyList<Affine> StaticScales { get; init; }

    /// <summary>Embedded key columns and their levels (level → index from 1; 0 = unseen).</summary>
    public required IReadOnlyList<string> EmbeddedColumns { get; init; }

    public required IReadOnlyList<IReadOnlyDictionary<string, int>> Levels { get; init; }

    public int SeasonFeatures => SeasonLength > 1 ? 2 : 0;

    /// <summary>Known features per step: the dynamic covariates, then sin and cos of the season position.</summary>
    public int StepFeatures => Dynamic.Count + SeasonFeatures;

    /// <summary>F: the scaled target, then the step features.</summary>
    public int PastFeatures => 1 + StepFeatures;

    /// <summary>C: the step features of the forecast periods, when fed.</summary>
    public int FutureFeatures => KnownFuture ? StepFeatures : 0;

    /// <summary>Levels of each embedded column, the unseen level 0 included.</summary>
    public IReadOnlyList<int> CategoryLevels => [.. Levels.Select(l => l.Count + 1)];

    /// <summary>Fits the encoding on <paramref name="train"/>.</summary>
    public static PanelEncoding Fit(SeriesPanel train, NeuralOptions o)
    {
        var scales = new Dictionary<string, Affine>(StringComparer.Ordinal);
        foreach (var s in train.Series)
        {
            var y = new double[s.Length];
            for (var t = 0; t < y.Length; t++) y[t] = o.Transform.Apply(s.Target[t]);
            scales[s.Id] = ScaleKernel.Fit(o.Scaling, y);
        }
        var dynamicScales = o.Dynamic.Select(name =>
        {
            var c = train.DynamicIndex(name);
            var all = new List<double>();
            foreach (var s in train.Series) all.AddRange(s.Dynamic(c).ToArray());
            return ScaleKernel.Fit(Scaling.Standard, all.ToArray());
        }).ToArray();
        var staticScales = o.Static.Select(name =>
        {
            var c = train.StaticIndex(name);
            return ScaleKernel.Fit(Scaling.Standard, train.Series.Select(s => s.Static(c)).ToArray());
        }).ToArray();
        var levels = o.Embeddings.Select(e =>
        {
            var k = KeyIndex(train, e.Column);
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var level in train.Series.Select(s => s.Key[k]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                map[level] = map.Count + 1;
            return (IReadOnlyDictionary<string, int>)map;
        }).ToArray();
        return new PanelEncoding
        {
            InputLength = o.InputLength,
            Horizon = o.Horizon,
            SeasonLength = o.SeasonLength,
            KnownFuture = o.KnownFuture,
            Transform = o.Transform,
            Scaling = o.Scaling,
            TargetScales = scales,
            Dynamic = [.. o.Dynamic],
            DynamicScales = dynamicScales,
            Static = [.. o.Static],
            StaticScales = staticScales,
            EmbeddedColumns = [.. o.Embeddings.Select(e => e.Column)],
            Levels = levels,
        };
    }

    /// <summary>The target scaling of a series: the fitted one, or fitted on <paramref name="s"/> itself for a series not seen in training.</summary>
    public Affine TargetScale(SeriesView s)
    {
        if (TargetScales.TryGetValue(s.Id, out var a)) return a;
        var y = new double[s.Length];
        for (var t = 0; t < y.Length; t++) y[t] = Transform.Apply(s.Target[t]);
        return ScaleKernel.Fit(Scaling, y);
    }

    /// <summary>The scaled transformed target of every row (NaN stays NaN; a non-finite transform is an error naming the row).</summary>
    public double[] ScaledTarget(SeriesView s, Affine scale)
    {
        var y = new double[s.Length];
        var target = s.Target;
        for (var t = 0; t < y.Length; t++)
        {
            if (double.IsNaN(target[t]))
            {
                y[t] = double.NaN;
                continue;
            }
            var z = Transform.Apply(target[t]);
            if (!double.IsFinite(z))
                throw new ArgumentException($"series {s.Id}: the {Transform} transform of {target[t]} at {s.Panel.Frequency.Format(s.Time[t])} is not finite");
            y[t] = scale.Apply(z);
        }
        return y;
    }

    /// <summary>Row-major [rows, StepFeatures]: the standardised dynamic covariates and the season position of each row.</summary>
    public float[] StepRows(SeriesView s)
    {
        var f = StepFeatures;
        var rows = new float[s.Length * f];
        for (var j = 0; j < Dynamic.Count; j++)
        {
            var v = s.Dynamic(Dynamic[j]);
            for (var t = 0; t < v.Length; t++) rows[t * f + j] = (float)DynamicScales[j].Apply(v[t]);
        }
        if (SeasonFeatures > 0)
        {
            var time = s.Time;
            for (var t = 0; t < time.Length; t++) SeasonPosition(time[t], rows.AsSpan(t * f + Dynamic.Count, 2));
        }
        return rows;
    }

    /// <summary>sin and cos of <c>2π·time/SeasonLength</c>.</summary>
    public void SeasonPosition(long time, Span<float> into)
    {
        var angle = 2 * Math.PI * (time % SeasonLength) / SeasonLength;
        into[0] = (float)Math.Sin(angle);
        into[1] = (float)Math.Cos(angle);
    }

    /// <summary>The standardised static covariates of a series.</summary>
    public float[] StaticRow(SeriesView s) => [.. Static.Select((name, j) => (float)StaticScales[j].Apply(s.Static(name)))];

    /// <summary>The level index of each embedded key column (0 = a level not seen in training).</summary>
    public long[] CategoryRow(SeriesView s)
    {
        var row = new long[EmbeddedColumns.Count];
        for (var k = 0; k < row.Length; k++)
            row[k] = Levels[k].TryGetValue(s.Key[KeyIndex(s.Panel, EmbeddedColumns[k])], out var i) ? i : 0;
        return row;
    }

    private static int KeyIndex(SeriesPanel panel, string column)
    {
        for (var k = 0; k < panel.KeyNames.Count; k++)
            if (string.Equals(panel.KeyNames[k], column, StringComparison.Ordinal)) return k;
        throw new ArgumentException($"no key column '{column}' to embed; the panel's keys are: {string.Join(", ", panel.KeyNames)}", nameof(column));
    }
}
