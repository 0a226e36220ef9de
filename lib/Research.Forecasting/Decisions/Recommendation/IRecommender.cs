namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>A fitted recommender: a score for every item for a user (higher is more likely to be bought).</summary>
public interface IRecommender
{
    /// <summary>Name shown in tables.</summary>
    string Name { get; }

    /// <summary>Writes the score of every item for user <paramref name="user"/> into <paramref name="scores"/> (length items).</summary>
    void Score(int user, Span<double> scores);
}

/// <summary>Top-k selection over a recommender's scores.</summary>
public static class Recommend
{
    /// <summary>
    /// The <paramref name="k"/> items with the highest scores for <paramref name="user"/>, the user's training items
    /// left out; ties go to the lower item index (deterministic).
    /// </summary>
    public static int[] TopItems(IRecommender model, InteractionMatrix train, int user, int k)
    {
        var scores = new double[train.Items.Count];
        model.Score(user, scores);
        foreach (var i in train.ItemsOf(user)) scores[i] = double.NegativeInfinity;
        return TopK(scores, k);
    }

    /// <summary>Indexes of the <paramref name="k"/> largest values (descending; ties to the lower index; -inf never chosen).</summary>
    public static int[] TopK(ReadOnlySpan<double> scores, int k)
    {
        var heap = new PriorityQueue<int, (double Score, int Index)>(Comparer<(double Score, int Index)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Index.CompareTo(a.Index)));
        for (var i = 0; i < scores.Length; i++)
        {
            if (double.IsNegativeInfinity(scores[i]) || double.IsNaN(scores[i])) continue;
            if (heap.Count < k) heap.Enqueue(i, (scores[i], i));
            else
            {
                heap.TryPeek(out _, out var min);
                if (scores[i] > min.Score) heap.DequeueEnqueue(i, (scores[i], i));
            }
        }
        var result = new int[heap.Count];
        for (var j = result.Length - 1; j >= 0; j--) result[j] = heap.Dequeue();
        return result;
    }
}
