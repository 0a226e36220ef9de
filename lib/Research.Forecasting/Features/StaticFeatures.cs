using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// What does not change over time: static covariates (orange-juice store demographics; Rossmann store type,
/// assortment, competition distance) as numbers, categorical ones as category codes; and the series' key columns
/// (store, brand) as categorical ids, coded by the sorted distinct values of the training panel (a key value not seen
/// in training is NaN).
/// </summary>
public sealed record StaticFeatures : IFeatureFamily
{
    /// <summary>Static columns to use; null = every static column of the panel.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Key columns written as categorical ids; null = every key column.</summary>
    public IReadOnlyList<string>? Keys { get; init; }

    public string Name => "static";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        var statics = (Columns ?? [.. train.StaticColumns.Select(c => c.Name)]).Select(train.StaticIndex).ToArray();
        var keyNames = train.KeyNames.ToList();
        var keys = (Keys ?? keyNames).Select(k => keyNames.IndexOf(k) is var i and >= 0 ? i
            : throw new ArgumentException($"no key column '{k}'; the keys are {string.Join(", ", keyNames)}", nameof(Keys))).ToArray();
        var codes = keys.Select(k => train.Series.Select(s => s.Key[k]).Distinct(StringComparer.Ordinal).OrderBy(v => v, KeyOrder.Instance)
            .Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal)).ToArray();
        var columns = new List<FeatureColumn>();
        for (var k = 0; k < keys.Length; k++) columns.Add(new($"id.{keyNames[keys[k]]}", Name, codes[k].Count));
        foreach (var s in statics)
        {
            var info = train.StaticColumns[s];
            columns.Add(new($"static.{info.Name}", Name, info.IsCategorical ? info.Levels!.Count : 0));
        }
        return new Fitted([.. columns], keys, codes, statics);
    }

    private sealed class Fitted(FeatureColumn[] columns, int[] keys, Dictionary<string, int>[] codes, int[] statics) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var key = row.Series.Key;
            var c = 0;
            for (var k = 0; k < keys.Length; k++) values[c++] = codes[k].TryGetValue(key[keys[k]], out var code) ? code : double.NaN;
            foreach (var s in statics) values[c++] = row.Series.Static(s);
        }
    }

    /// <summary>Numbers in numeric order, then other strings ordinally.</summary>
    private sealed class KeyOrder : IComparer<string>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var nx = double.TryParse(x, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a);
            var ny = double.TryParse(y, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b);
            if (nx && ny) return a.CompareTo(b);
            if (nx != ny) return nx ? -1 : 1;
            return string.CompareOrdinal(x, y);
        }
    }
}
