namespace Research.Forecasting.Data;

/// <summary>
/// Builds a <see cref="SeriesPanel"/> series by series. Every series must have strictly increasing
/// times and one value per row for the target and every dynamic covariate. Series keep the order
/// in which they are added.
/// </summary>
public sealed class PanelBuilder
{
    private readonly Frequency _frequency;
    private readonly string[] _keyNames;
    private readonly string _targetName;
    private readonly ColumnInfo[] _dynamic;
    private readonly ColumnInfo[] _static;
    private readonly List<string[]> _keys = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<int> _offsets = [0];
    private readonly List<long> _time;
    private readonly List<double> _target;
    private readonly List<double>[] _dynamicValues;
    private readonly List<double>[] _staticValues;
    private int _sourceDynamicCount = -1;
    private int _sourceStaticCount = -1;

    /// <param name="frequency">Frequency of the time index.</param>
    /// <param name="keyNames">Names of the key columns.</param>
    /// <param name="targetName">Name of the target.</param>
    /// <param name="dynamic">Dynamic covariate columns.</param>
    /// <param name="statics">Static covariate columns.</param>
    /// <param name="capacity">Expected total number of rows (a hint for the buffers).</param>
    public PanelBuilder(
        Frequency frequency,
        IReadOnlyList<string> keyNames,
        string targetName,
        IReadOnlyList<ColumnInfo>? dynamic = null,
        IReadOnlyList<ColumnInfo>? statics = null,
        int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        if (keyNames.Count == 0) throw new ArgumentException("a panel needs at least one key column", nameof(keyNames));
        ArgumentException.ThrowIfNullOrWhiteSpace(targetName);
        _frequency = frequency;
        _keyNames = [.. keyNames];
        _targetName = targetName;
        _dynamic = [.. dynamic ?? []];
        _static = [.. statics ?? []];
        _time = new List<long>(capacity);
        _target = new List<double>(capacity);
        _dynamicValues = _dynamic.Select(_ => new List<double>(capacity)).ToArray();
        _staticValues = _static.Select(_ => new List<double>()).ToArray();
    }

    /// <summary>A builder with the columns of <paramref name="template"/>, optionally renamed target, dropped or extra columns.</summary>
    public static PanelBuilder Like(
        SeriesPanel template,
        string? targetName = null,
        IReadOnlyList<ColumnInfo>? extraDynamic = null,
        IReadOnlyList<ColumnInfo>? extraStatic = null)
    {
        var b = new PanelBuilder(
            template.Frequency,
            template.KeyNames,
            targetName ?? template.TargetName,
            [.. template.DynamicColumns, .. extraDynamic ?? []],
            [.. template.StaticColumns, .. extraStatic ?? []],
            (int)Math.Min(template.RowCount, Array.MaxLength));
        b._sourceDynamicCount = template.DynamicColumns.Count;
        b._sourceStaticCount = template.StaticColumns.Count;
        return b;
    }

    public int SeriesCount => _keys.Count;

    /// <summary>Adds one series.</summary>
    /// <param name="key">One value per key column.</param>
    /// <param name="time">Time ordinals, strictly increasing.</param>
    /// <param name="target">Target values (NaN for missing), one per time.</param>
    /// <param name="dynamic">One array per dynamic column, each one value per time.</param>
    /// <param name="statics">One value per static column.</param>
    public void Add(
        IReadOnlyList<string> key,
        ReadOnlySpan<long> time,
        ReadOnlySpan<double> target,
        IReadOnlyList<double[]>? dynamic = null,
        IReadOnlyList<double>? statics = null)
    {
        if (key.Count != _keyNames.Length)
            throw new ArgumentException($"a key has {_keyNames.Length} values ({string.Join(", ", _keyNames)}), got {key.Count}", nameof(key));
        var id = string.Join('\u001f', key);
        if (!_seen.Add(id)) throw new ArgumentException($"series {Describe(key)} was added twice", nameof(key));
        if (target.Length != time.Length)
            throw new ArgumentException($"series {Describe(key)}: {target.Length} target values for {time.Length} times", nameof(target));
        for (var k = 1; k < time.Length; k++)
            if (time[k] <= time[k - 1])
                throw new ArgumentException(
                    $"series {Describe(key)}: times must increase strictly, but position {k} has {_frequency.Format(time[k])} after {_frequency.Format(time[k - 1])}",
                    nameof(time));
        var dyn = dynamic ?? [];
        if (dyn.Count != _dynamic.Length)
            throw new ArgumentException($"series {Describe(key)}: {dyn.Count} dynamic columns given, the panel has {_dynamic.Length}", nameof(dynamic));
        for (var c = 0; c < dyn.Count; c++)
            if (dyn[c].Length != time.Length)
                throw new ArgumentException($"series {Describe(key)}: dynamic column '{_dynamic[c].Name}' has {dyn[c].Length} values for {time.Length} times", nameof(dynamic));
        var st = statics ?? [];
        if (st.Count != _static.Length)
            throw new ArgumentException($"series {Describe(key)}: {st.Count} static values given, the panel has {_static.Length}", nameof(statics));

        _keys.Add([.. key]);
        _time.AddRange(time);
        _target.AddRange(target);
        for (var c = 0; c < dyn.Count; c++) _dynamicValues[c].AddRange(dyn[c]);
        for (var c = 0; c < st.Count; c++) _staticValues[c].Add(st[c]);
        _offsets.Add(_time.Count);
    }

    /// <summary>
    /// Adds a series taken from a panel with the columns this builder was made <see cref="Like"/>,
    /// replacing the parts that are given and appending values for any extra columns.
    /// </summary>
    public void Add(
        SeriesView source,
        ReadOnlySpan<long> time = default,
        ReadOnlySpan<double> target = default,
        IReadOnlyList<double[]>? dynamic = null,
        IReadOnlyList<double[]>? extraDynamic = null,
        IReadOnlyList<double>? extraStatic = null)
    {
        if (_sourceDynamicCount < 0) throw new InvalidOperationException("Add(SeriesView) needs a builder made with PanelBuilder.Like");
        var newIndex = !time.IsEmpty;
        if (newIndex && (dynamic is null || target.IsEmpty))
            throw new ArgumentException("a new time index needs a new target and new dynamic columns too", nameof(time));
        var dyn = new List<double[]>(_dynamic.Length);
        if (dynamic is not null)
        {
            if (dynamic.Count != _sourceDynamicCount)
                throw new ArgumentException($"{dynamic.Count} dynamic columns given, the source has {_sourceDynamicCount}", nameof(dynamic));
            dyn.AddRange(dynamic);
        }
        else
        {
            for (var c = 0; c < _sourceDynamicCount; c++) dyn.Add(source.Dynamic(c).ToArray());
        }
        dyn.AddRange(extraDynamic ?? []);
        var st = new List<double>(_static.Length);
        for (var c = 0; c < _sourceStaticCount; c++) st.Add(source.Static(c));
        st.AddRange(extraStatic ?? []);
        Add(source.Key, newIndex ? time : source.Time, target.IsEmpty ? source.Target : target, dyn, st);
    }

    public SeriesPanel Build()
    {
        var store = new PanelStore(
            _frequency,
            _keyNames,
            [.. _keys],
            [.. _offsets],
            [.. _time],
            _targetName,
            [.. _target],
            _dynamic,
            _dynamicValues.Select(v => v.ToArray()).ToArray(),
            _static,
            _staticValues.Select(v => v.ToArray()).ToArray());
        return new SeriesPanel(store);
    }

    private string Describe(IReadOnlyList<string> key) => string.Join(", ", _keyNames.Select((n, i) => $"{n}={key[i]}"));
}
