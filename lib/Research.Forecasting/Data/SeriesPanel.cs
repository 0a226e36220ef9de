using System.Globalization;
using System.Text;

namespace Research.Forecasting.Data;

/// <summary>
/// An immutable panel of many regular time series: series keys (e.g. store x brand), a time index of a
/// declared <see cref="Frequency"/>, a <c>double</c> target with <c>NaN</c> for missing, dynamic covariates
/// (one value per row: price, promotion flags, holidays) and static covariates (one value per series:
/// store attributes). Values are stored contiguously per series; selecting series and cutting time
/// windows return new panels over the same buffers, without copying.
/// </summary>
public sealed class SeriesPanel
{
    private readonly PanelStore _store;
    private readonly int[] _ids;    // stored series index of every series in this view
    private readonly int[] _start;  // first row (inclusive) in the store
    private readonly int[] _end;    // last row (exclusive)

    internal SeriesPanel(PanelStore store)
        : this(store, Enumerable.Range(0, store.Keys.Length).ToArray(), store.Offsets[..^1], store.Offsets[1..])
    {
    }

    private SeriesPanel(PanelStore store, int[] ids, int[] start, int[] end)
    {
        _store = store;
        _ids = ids;
        _start = start;
        _end = end;
        long rows = 0;
        for (var i = 0; i < ids.Length; i++) rows += end[i] - start[i];
        RowCount = rows;
    }

    internal PanelStore Store => _store;

    public Frequency Frequency => _store.Frequency;

    /// <summary>Names of the columns that identify a series (e.g. <c>store</c>, <c>brand</c>).</summary>
    public IReadOnlyList<string> KeyNames => _store.KeyNames;

    public string TargetName => _store.TargetName;

    public IReadOnlyList<ColumnInfo> DynamicColumns => _store.DynamicInfo;

    public IReadOnlyList<ColumnInfo> StaticColumns => _store.StaticInfo;

    public int SeriesCount => _ids.Length;

    /// <summary>Total number of rows (series x time points) in this view.</summary>
    public long RowCount { get; }

    public SeriesView this[int series]
    {
        get
        {
            if ((uint)series >= (uint)_ids.Length)
                throw new ArgumentOutOfRangeException(nameof(series), series, $"the panel has {_ids.Length} series");
            return new SeriesView(this, series);
        }
    }

    /// <summary>All series, in key order.</summary>
    public IEnumerable<SeriesView> Series
    {
        get
        {
            for (var i = 0; i < _ids.Length; i++) yield return new SeriesView(this, i);
        }
    }

    /// <summary>Earliest time ordinal over all series (the panel must not be empty).</summary>
    public long MinTime => Fold(static (a, b) => Math.Min(a, b), first: true);

    /// <summary>Latest time ordinal over all series.</summary>
    public long MaxTime => Fold(static (a, b) => Math.Max(a, b), first: false);

    /// <summary>Index of the series with the given key values, or -1.</summary>
    public int IndexOf(params string[] key)
    {
        if (key.Length != KeyNames.Count)
            throw new ArgumentException($"a key has {KeyNames.Count} values ({string.Join(", ", KeyNames)}), got {key.Length}", nameof(key));
        for (var i = 0; i < _ids.Length; i++)
            if (_store.Keys[_ids[i]].AsSpan().SequenceEqual(key)) return i;
        return -1;
    }

    /// <summary>The series with the given key values; throws with the key when absent.</summary>
    public SeriesView Find(params string[] key)
    {
        var i = IndexOf(key);
        return i >= 0 ? this[i] : throw new KeyNotFoundException($"no series with {FormatKey(key)}");
    }

    public int DynamicIndex(string name) =>
        _store.DynamicIndex.TryGetValue(name, out var i) ? i
        : throw new ArgumentException($"no dynamic covariate '{name}'; the panel has: {string.Join(", ", _store.DynamicInfo.Select(c => c.Name))}", nameof(name));

    public int StaticIndex(string name) =>
        _store.StaticIndex.TryGetValue(name, out var i) ? i
        : throw new ArgumentException($"no static covariate '{name}'; the panel has: {string.Join(", ", _store.StaticInfo.Select(c => c.Name))}", nameof(name));

    public bool HasDynamic(string name) => _store.DynamicIndex.ContainsKey(name);

    public bool HasStatic(string name) => _store.StaticIndex.ContainsKey(name);

    /// <summary>A panel of the given series (by index in this panel), in the given order. No values are copied.</summary>
    public SeriesPanel Select(IEnumerable<int> series)
    {
        var idx = series.ToArray();
        var ids = new int[idx.Length];
        var start = new int[idx.Length];
        var end = new int[idx.Length];
        for (var k = 0; k < idx.Length; k++)
        {
            var i = idx[k];
            if ((uint)i >= (uint)_ids.Length)
                throw new ArgumentOutOfRangeException(nameof(series), i, $"the panel has {_ids.Length} series");
            ids[k] = _ids[i];
            start[k] = _start[i];
            end[k] = _end[i];
        }
        return new SeriesPanel(_store, ids, start, end);
    }

    /// <summary>The series for which <paramref name="predicate"/> holds.</summary>
    public SeriesPanel Where(Func<SeriesView, bool> predicate) =>
        Select(Enumerable.Range(0, _ids.Length).Where(i => predicate(new SeriesView(this, i))));

    /// <summary>The first <paramref name="count"/> series.</summary>
    public SeriesPanel Take(int count) => Select(Enumerable.Range(0, Math.Min(count, _ids.Length)));

    /// <summary>Every series cut to times <c>&lt;= last</c> (e.g. training data up to a cutoff). No values are copied.</summary>
    public SeriesPanel Until(long last) => Between(long.MinValue, last);

    /// <summary>Every series cut to times in <c>[first, last]</c>. No values are copied.</summary>
    public SeriesPanel Between(long first, long last)
    {
        var start = new int[_ids.Length];
        var end = new int[_ids.Length];
        var time = _store.Time;
        for (var i = 0; i < _ids.Length; i++)
        {
            var span = time.AsSpan(_start[i], _end[i] - _start[i]);
            start[i] = _start[i] + LowerBound(span, first);
            end[i] = _start[i] + LowerBound(span, last == long.MaxValue ? last : last + 1);
            if (end[i] < start[i]) end[i] = start[i];
        }
        return new SeriesPanel(_store, _ids, start, end);
    }

    /// <summary>Calendar overload of <see cref="Until(long)"/>.</summary>
    public SeriesPanel Until(DateOnly last) => Until(Frequency.Floor(last));

    /// <summary>Calendar overload of <see cref="Between(long, long)"/>.</summary>
    public SeriesPanel Between(DateOnly first, DateOnly last) => Between(Frequency.Floor(first), Frequency.Floor(last));

    /// <summary>A panel whose target is <paramref name="map"/> applied to this one's, under a new name.</summary>
    public SeriesPanel WithTarget(string name, Func<double, double> map)
    {
        var b = PanelBuilder.Like(this, targetName: name);
        foreach (var s in Series)
        {
            var t = s.Target;
            var y = new double[t.Length];
            for (var k = 0; k < y.Length; k++) y[k] = map(t[k]);
            b.Add(s, target: y);
        }
        return b.Build();
    }

    /// <summary>
    /// A panel with one more dynamic covariate computed per series (one value per row). The existing
    /// buffers are shared, not copied: only the new column is allocated.
    /// </summary>
    public SeriesPanel WithDynamic(ColumnInfo column, Func<SeriesView, double[]> values)
    {
        if (HasDynamic(column.Name)) throw new ArgumentException($"dynamic covariate '{column.Name}' already exists", nameof(column));
        var data = new double[_store.Time.Length];
        Array.Fill(data, double.NaN); // rows outside this view
        for (var i = 0; i < _ids.Length; i++)
        {
            var s = new SeriesView(this, i);
            var v = values(s);
            if (v.Length != s.Length)
                throw new ArgumentException($"series {s.Id}: {v.Length} values for '{column.Name}', expected {s.Length}", nameof(values));
            v.CopyTo(data, _start[i]);
        }
        var store = new PanelStore(
            _store.Frequency, _store.KeyNames, _store.Keys, _store.Offsets, _store.Time, _store.TargetName, _store.Target,
            [.. _store.DynamicInfo, column], [.. _store.Dynamic, data], _store.StaticInfo, _store.Statics);
        return new SeriesPanel(store, _ids, _start, _end);
    }

    /// <summary>A panel with one more static covariate computed per series. Row buffers are shared, not copied.</summary>
    public SeriesPanel WithStatic(ColumnInfo column, Func<SeriesView, double> value)
    {
        if (HasStatic(column.Name)) throw new ArgumentException($"static covariate '{column.Name}' already exists", nameof(column));
        var values = new double[_ids.Length];
        for (var i = 0; i < _ids.Length; i++) values[i] = value(new SeriesView(this, i));
        return WithStatics([column], [values]);
    }

    /// <summary>Adds static columns given one value per series of this view (in view order). Row buffers are shared.</summary>
    internal SeriesPanel WithStatics(IReadOnlyList<ColumnInfo> columns, IReadOnlyList<double[]> valuesBySeries)
    {
        var stored = new double[columns.Count][];
        for (var c = 0; c < columns.Count; c++)
        {
            if (HasStatic(columns[c].Name)) throw new ArgumentException($"static covariate '{columns[c].Name}' already exists", nameof(columns));
            stored[c] = new double[_store.Keys.Length];
            Array.Fill(stored[c], double.NaN); // series outside this view
            for (var i = 0; i < _ids.Length; i++) stored[c][_ids[i]] = valuesBySeries[c][i];
        }
        var store = new PanelStore(
            _store.Frequency, _store.KeyNames, _store.Keys, _store.Offsets, _store.Time, _store.TargetName, _store.Target,
            _store.DynamicInfo, _store.Dynamic, [.. _store.StaticInfo, .. columns], [.. _store.Statics, .. stored]);
        return new SeriesPanel(store, _ids, _start, _end);
    }

    /// <summary>A one-line description: series, keys, time range, rows and columns.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"SeriesPanel: {SeriesCount:N0} series ({string.Join(" x ", KeyNames)}), {RowCount:N0} rows, {Frequency}");
        if (RowCount > 0) sb.Append(CultureInfo.InvariantCulture, $" {Frequency.Format(MinTime)}..{Frequency.Format(MaxTime)}");
        sb.Append(CultureInfo.InvariantCulture, $"; target {TargetName}");
        if (DynamicColumns.Count > 0) sb.Append("; dynamic: ").AppendJoin(", ", DynamicColumns.Select(c => c.Name));
        if (StaticColumns.Count > 0) sb.Append("; static: ").AppendJoin(", ", StaticColumns.Select(c => c.Name));
        return sb.ToString();
    }

    internal string FormatKey(IReadOnlyList<string> key) =>
        string.Join(", ", KeyNames.Select((n, i) => $"{n}={key[i]}"));

    internal int StoredId(int series) => _ids[series];

    internal int Start(int series) => _start[series];

    internal int End(int series) => _end[series];

    private long Fold(Func<long, long, long> f, bool first)
    {
        long? acc = null;
        for (var i = 0; i < _ids.Length; i++)
        {
            if (_end[i] == _start[i]) continue;
            var t = _store.Time[first ? _start[i] : _end[i] - 1];
            acc = acc is null ? t : f(acc.Value, t);
        }
        return acc ?? throw new InvalidOperationException("the panel has no rows");
    }

    private static int LowerBound(ReadOnlySpan<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
