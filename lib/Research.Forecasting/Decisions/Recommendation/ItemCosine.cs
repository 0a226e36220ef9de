namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>
/// Item-item collaborative filtering (Sarwar et al. 2001; Linden, Smith and York 2003): on the binary matrix
/// <c>b_ui = [r_ui &gt; 0]</c>, <c>sim(i, j) = |U_i ∩ U_j| / sqrt(|U_i| |U_j|)</c> (cosine of the item columns),
/// <c>sim(i, i) = 0</c>; a user's score of item i is <c>sum_{j in I_u} sim(i, j)</c>.
/// </summary>
public sealed class ItemCosine : IRecommender
{
    private readonly InteractionMatrix _train;
    private readonly int _items;

    /// <summary>Computes the dense similarity matrix of <paramref name="train"/>'s items.</summary>
    public ItemCosine(InteractionMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _train = train;
        _items = train.Items.Count;
        Similarity = new float[_items * _items];
        var co = new int[_items * _items];
        for (var u = 0; u < train.Users.Count; u++)
        {
            var items = train.ItemsOf(u);
            for (var a = 0; a < items.Length; a++)
            {
                var row = items[a] * _items;
                for (var b = 0; b < items.Length; b++) co[row + items[b]]++;
            }
        }
        for (var i = 0; i < _items; i++)
            for (var j = 0; j < _items; j++)
            {
                var c = co[i * _items + j];
                if (i == j || c == 0) continue;
                Similarity[i * _items + j] = (float)(c / Math.Sqrt((double)co[i * _items + i] * co[j * _items + j]));
            }
    }

    /// <summary>Similarities, row-major items x items (float to halve the memory: 3,600 items take 52 MB).</summary>
    public float[] Similarity { get; }

    /// <summary>Similarity of items <paramref name="i"/> and <paramref name="j"/>.</summary>
    public double this[int i, int j] => Similarity[i * _items + j];

    /// <inheritdoc/>
    public string Name => "item-item cosine";

    /// <inheritdoc/>
    public void Score(int user, Span<double> scores)
    {
        scores.Clear();
        foreach (var j in _train.ItemsOf(user))
        {
            var row = Similarity.AsSpan(j * _items, _items);
            for (var i = 0; i < _items; i++) scores[i] += row[i];
        }
    }

    /// <summary>Scores of every user for item <paramref name="item"/> (targeting): <c>sum_{j in I_u} sim(item, j)</c>.</summary>
    public double[] ScoreUsers(int item)
    {
        var s = new double[_train.Users.Count];
        for (var u = 0; u < s.Length; u++)
            foreach (var j in _train.ItemsOf(u)) s[u] += Similarity[item * _items + j];
        return s;
    }
}
