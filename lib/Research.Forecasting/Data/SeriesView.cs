namespace Research.Forecasting.Data;

/// <summary>One series of a <see cref="SeriesPanel"/>: spans over the panel's buffers, no copies.</summary>
public readonly struct SeriesView
{
    private readonly SeriesPanel _panel;

    internal SeriesView(SeriesPanel panel, int index)
    {
        _panel = panel;
        Index = index;
    }

    public SeriesPanel Panel => _panel;

    /// <summary>Position of this series in its panel.</summary>
    public int Index { get; }

    /// <summary>Key values, one per <see cref="SeriesPanel.KeyNames"/>.</summary>
    public IReadOnlyList<string> Key => _panel.Store.Keys[_panel.StoredId(Index)];

    /// <summary>Key values joined with '/', e.g. <c>2/1</c> for store 2, brand 1.</summary>
    public string Id => string.Join('/', Key);

    public int Length => _panel.End(Index) - _panel.Start(Index);

    /// <summary>Time ordinals (see <see cref="Frequency"/>), strictly increasing.</summary>
    public ReadOnlySpan<long> Time => _panel.Store.Time.AsSpan(_panel.Start(Index), Length);

    public ReadOnlySpan<double> Target => _panel.Store.Target.AsSpan(_panel.Start(Index), Length);

    public ReadOnlySpan<double> Dynamic(int column) => _panel.Store.Dynamic[column].AsSpan(_panel.Start(Index), Length);

    public ReadOnlySpan<double> Dynamic(string name) => Dynamic(_panel.DynamicIndex(name));

    public double Static(int column) => _panel.Store.Statics[column][_panel.StoredId(Index)];

    public double Static(string name) => Static(_panel.StaticIndex(name));

    /// <summary>Label of a static covariate (the level of a categorical one).</summary>
    public string StaticLabel(string name)
    {
        var c = _panel.StaticIndex(name);
        return _panel.Store.StaticInfo[c].Label(Static(c));
    }

    public long FirstTime => Length > 0 ? _panel.Store.Time[_panel.Start(Index)] : throw new InvalidOperationException($"series {Id} is empty");

    public long LastTime => Length > 0 ? _panel.Store.Time[_panel.End(Index) - 1] : throw new InvalidOperationException($"series {Id} is empty");

    /// <summary>Row of time ordinal <paramref name="time"/>, or -1.</summary>
    public int RowOf(long time)
    {
        var i = Time.BinarySearch(time);
        return i >= 0 ? i : -1;
    }

    public override string ToString() => $"{_panel.FormatKey(Key)}: {Length} rows";
}
