namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>
/// A sparse implicit-feedback matrix <c>r_ui &gt;= 0</c> (users x items) in compressed rows, with its transpose in
/// compressed columns; zero entries are "not observed". Users and items carry their external ids.
/// </summary>
public sealed class InteractionMatrix
{
    private readonly Dictionary<string, int> _userIndex;
    private readonly Dictionary<string, int> _itemIndex;

    /// <summary>Builds the matrix from triplets (user, item, value); duplicate pairs add up.</summary>
    public InteractionMatrix(IReadOnlyList<string> users, IReadOnlyList<string> items, IEnumerable<(int User, int Item, double Value)> entries)
    {
        Users = users;
        Items = items;
        _userIndex = users.Select((u, i) => (u, i)).ToDictionary(p => p.u, p => p.i, StringComparer.Ordinal);
        _itemIndex = items.Select((u, i) => (u, i)).ToDictionary(p => p.u, p => p.i, StringComparer.Ordinal);
        var rows = new SortedDictionary<int, double>[users.Count];
        for (var u = 0; u < rows.Length; u++) rows[u] = [];
        foreach (var (u, i, v) in entries)
        {
            if ((uint)u >= (uint)users.Count || (uint)i >= (uint)items.Count) throw new ArgumentOutOfRangeException(nameof(entries), $"entry ({u}, {i}) is outside {users.Count} x {items.Count}");
            if (!(v >= 0)) throw new ArgumentOutOfRangeException(nameof(entries), v, "implicit feedback is non-negative");
            rows[u][i] = rows[u].GetValueOrDefault(i) + v;
        }
        RowStart = new int[users.Count + 1];
        for (var u = 0; u < rows.Length; u++) RowStart[u + 1] = RowStart[u] + rows[u].Count(p => p.Value > 0);
        RowItems = new int[RowStart[^1]];
        RowValues = new double[RowStart[^1]];
        var k = 0;
        for (var u = 0; u < rows.Length; u++)
            foreach (var (i, v) in rows[u])
            {
                if (v <= 0) continue;
                RowItems[k] = i;
                RowValues[k++] = v;
            }
        ColStart = new int[items.Count + 1];
        foreach (var i in RowItems) ColStart[i + 1]++;
        for (var i = 0; i < items.Count; i++) ColStart[i + 1] += ColStart[i];
        ColUsers = new int[RowItems.Length];
        ColValues = new double[RowItems.Length];
        var next = ColStart[..^1].ToArray();
        for (var u = 0; u < users.Count; u++)
            for (var p = RowStart[u]; p < RowStart[u + 1]; p++)
            {
                var at = next[RowItems[p]]++;
                ColUsers[at] = u;
                ColValues[at] = RowValues[p];
            }
    }

    /// <summary>User ids, by index.</summary>
    public IReadOnlyList<string> Users { get; }

    /// <summary>Item ids, by index.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Number of non-zero entries.</summary>
    public int NonZeros => RowItems.Length;

    /// <summary>CSR row pointers (length users + 1).</summary>
    public int[] RowStart { get; }

    /// <summary>CSR item of each entry, ascending within a row.</summary>
    public int[] RowItems { get; }

    /// <summary>CSR value of each entry.</summary>
    public double[] RowValues { get; }

    /// <summary>CSC column pointers (length items + 1).</summary>
    public int[] ColStart { get; }

    /// <summary>CSC user of each entry, ascending within a column.</summary>
    public int[] ColUsers { get; }

    /// <summary>CSC value of each entry.</summary>
    public double[] ColValues { get; }

    /// <summary>Items of user <paramref name="u"/> (ascending).</summary>
    public ReadOnlySpan<int> ItemsOf(int u) => RowItems.AsSpan(RowStart[u], RowStart[u + 1] - RowStart[u]);

    /// <summary>Values of user <paramref name="u"/>'s entries.</summary>
    public ReadOnlySpan<double> ValuesOf(int u) => RowValues.AsSpan(RowStart[u], RowStart[u + 1] - RowStart[u]);

    /// <summary>Users of item <paramref name="i"/> (ascending).</summary>
    public ReadOnlySpan<int> UsersOf(int i) => ColUsers.AsSpan(ColStart[i], ColStart[i + 1] - ColStart[i]);

    /// <summary>Values of item <paramref name="i"/>'s entries.</summary>
    public ReadOnlySpan<double> ValuesOfItem(int i) => ColValues.AsSpan(ColStart[i], ColStart[i + 1] - ColStart[i]);

    /// <summary>Index of a user id, or -1.</summary>
    public int UserIndex(string user) => _userIndex.GetValueOrDefault(user, -1);

    /// <summary>Index of an item id, or -1.</summary>
    public int ItemIndex(string item) => _itemIndex.GetValueOrDefault(item, -1);

    /// <summary>A matrix from dense rows (tests and small examples): users "u0".., items "i0"...</summary>
    public static InteractionMatrix FromDense(double[,] r)
    {
        var entries = new List<(int, int, double)>();
        for (var u = 0; u < r.GetLength(0); u++)
            for (var i = 0; i < r.GetLength(1); i++)
                if (r[u, i] != 0) entries.Add((u, i, r[u, i]));
        return new InteractionMatrix(
            Enumerable.Range(0, r.GetLength(0)).Select(u => $"u{u}").ToArray(),
            Enumerable.Range(0, r.GetLength(1)).Select(i => $"i{i}").ToArray(), entries);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Users.Count} users x {Items.Count} items, {NonZeros} non-zeros";
}
