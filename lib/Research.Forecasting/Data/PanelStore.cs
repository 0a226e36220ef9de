namespace Research.Forecasting.Data;

/// <summary>
/// The immutable column buffers behind one or more <see cref="SeriesPanel"/> views. Rows of one series
/// are contiguous and sorted by time; <see cref="Offsets"/> holds the start of every series plus the end
/// (the CSR layout statsforecast uses). Nothing here is ever written after construction, so panels that
/// slice by series or by time share one store without copying.
/// </summary>
internal sealed class PanelStore
{
    public PanelStore(
        Frequency frequency,
        string[] keyNames,
        string[][] keys,
        int[] offsets,
        long[] time,
        string targetName,
        double[] target,
        ColumnInfo[] dynamicInfo,
        double[][] dynamic,
        ColumnInfo[] staticInfo,
        double[][] statics)
    {
        Frequency = frequency;
        KeyNames = keyNames;
        Keys = keys;
        Offsets = offsets;
        Time = time;
        TargetName = targetName;
        Target = target;
        DynamicInfo = dynamicInfo;
        Dynamic = dynamic;
        StaticInfo = staticInfo;
        Statics = statics;
        DynamicIndex = Index(dynamicInfo, "dynamic");
        StaticIndex = Index(staticInfo, "static");
    }

    public Frequency Frequency { get; }
    public string[] KeyNames { get; }
    /// <summary>Key values per stored series.</summary>
    public string[][] Keys { get; }
    public int[] Offsets { get; }
    public long[] Time { get; }
    public string TargetName { get; }
    public double[] Target { get; }
    public ColumnInfo[] DynamicInfo { get; }
    /// <summary>Per dynamic column, one value per row.</summary>
    public double[][] Dynamic { get; }
    public ColumnInfo[] StaticInfo { get; }
    /// <summary>Per static column, one value per stored series.</summary>
    public double[][] Statics { get; }
    public Dictionary<string, int> DynamicIndex { get; }
    public Dictionary<string, int> StaticIndex { get; }

    private static Dictionary<string, int> Index(ColumnInfo[] columns, string what)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
            if (!map.TryAdd(columns[i].Name, i))
                throw new ArgumentException($"{what} column '{columns[i].Name}' appears twice");
        return map;
    }
}
