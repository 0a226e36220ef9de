namespace Research.Forecasting.Data;

/// <summary>Adds static covariates to a panel from a table keyed like its series (store metadata, demographics).</summary>
public static class StaticJoin
{
    /// <summary>
    /// Joins <paramref name="columns"/> of <paramref name="table"/> as static covariates. The panel's key columns
    /// <paramref name="panelKeys"/> match the table's <paramref name="tableKeys"/> in order (names may differ, e.g.
    /// panel <c>store</c> with table <c>STORE</c>); integer keys match numerically. A table key that appears twice,
    /// or a series with no row, is an error naming the table file.
    /// </summary>
    public static SeriesPanel JoinStatics(
        this SeriesPanel panel,
        CsvTable table,
        IReadOnlyList<string> panelKeys,
        IReadOnlyList<string> tableKeys,
        IReadOnlyList<ColumnSpec> columns)
    {
        if (tableKeys.Count != panelKeys.Count || panelKeys.Count == 0)
            throw new ArgumentException($"{panelKeys.Count} panel keys but {tableKeys.Count} table keys", nameof(tableKeys));
        var panelKeyIdx = panelKeys.Select(k =>
        {
            for (var i = 0; i < panel.KeyNames.Count; i++)
                if (string.Equals(panel.KeyNames[i], k, StringComparison.Ordinal)) return i;
            throw new ArgumentException($"'{k}' is not a key column of the panel ({string.Join(", ", panel.KeyNames)})", nameof(panelKeys));
        }).ToArray();
        var keyCols = tableKeys.Select(table.Column).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < table.RowCount; r++)
        {
            var key = string.Join('\u001f', keyCols.Select(c => Canonical(table.Text(r, c))));
            if (!index.TryAdd(key, r))
                throw table.Error(r, keyCols[0], $"key {string.Join(", ", keyCols.Select(c => table.Text(r, c)))} also appears on line {table.Line(index[key])}");
        }
        var cols = columns.Select(c => (Spec: c, Index: table.Column(c.Name))).ToArray();
        var levels = cols.Select(c => c.Spec.Categorical ? LevelsOf(table, c.Index, c.Spec.AllowMissing) : null).ToArray();
        var infos = cols.Select((c, i) => new ColumnInfo(c.Spec.Name, levels[i])).ToArray();
        foreach (var info in infos)
            if (panel.HasStatic(info.Name)) throw new ArgumentException($"static covariate '{info.Name}' already exists", nameof(columns));

        var values = infos.Select(_ => new double[panel.SeriesCount]).ToArray();
        foreach (var s in panel.Series)
        {
            var seriesKey = s.Key;
            var key = string.Join('\u001f', panelKeyIdx.Select(i => Canonical(seriesKey[i])));
            if (!index.TryGetValue(key, out var r))
                throw new DataFormatException(table.File, 0, keyCols[0] + 1, tableKeys[0],
                    $"no row for {string.Join(", ", panelKeyIdx.Select(i => $"{panel.KeyNames[i]}={seriesKey[i]}"))} (series {s.Id})");
            for (var c = 0; c < cols.Length; c++)
            {
                if (levels[c] is { } lv)
                {
                    var text = table.Text(r, cols[c].Index);
                    values[c][s.Index] = text.Length == 0 ? double.NaN : Array.IndexOf(lv, text);
                }
                else
                {
                    values[c][s.Index] = table.ParseNumber(r, cols[c].Index, cols[c].Spec.AllowMissing);
                }
            }
        }
        return panel.WithStatics(infos, values);
    }

    private static string[] LevelsOf(CsvTable table, int column, bool allowMissing)
    {
        var set = new SortedSet<string>(Comparer<string>.Create(KeyComparer.CompareValue));
        for (var r = 0; r < table.RowCount; r++)
        {
            var text = table.Text(r, column);
            if (text.Length == 0)
            {
                if (!allowMissing) throw table.Error(r, column, "a value is required, but the field is empty");
                continue;
            }
            set.Add(text);
        }
        return [.. set];
    }

    private static string Canonical(string key) =>
        long.TryParse(key, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : key;
}
