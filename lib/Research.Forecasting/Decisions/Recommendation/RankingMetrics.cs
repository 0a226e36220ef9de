namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>
/// Top-k ranking metrics of one user's recommendation list against the set of relevant items:
/// <c>precision@k = |rec_k ∩ rel| / k</c>, <c>recall@k = |rec_k ∩ rel| / |rel|</c>,
/// <c>AP@k = (1 / min(|rel|, k)) sum_{j &lt;= k} P@j [rec_j in rel]</c> (MAP@k is its mean over users; as in
/// the <c>ml_metrics</c> / Kaggle definition).
/// </summary>
public static class RankingMetrics
{
    /// <summary>Precision at <paramref name="k"/> (the list counts as k long even when shorter).</summary>
    public static double Precision(IReadOnlyList<int> recommended, IReadOnlySet<int> relevant, int k) =>
        recommended.Take(k).Count(relevant.Contains) / (double)k;

    /// <summary>Recall at <paramref name="k"/>; NaN for an empty relevant set.</summary>
    public static double Recall(IReadOnlyList<int> recommended, IReadOnlySet<int> relevant, int k) =>
        relevant.Count == 0 ? double.NaN : recommended.Take(k).Count(relevant.Contains) / (double)relevant.Count;

    /// <summary>Average precision at <paramref name="k"/>; NaN for an empty relevant set.</summary>
    public static double AveragePrecision(IReadOnlyList<int> recommended, IReadOnlySet<int> relevant, int k)
    {
        if (relevant.Count == 0) return double.NaN;
        double hits = 0, sum = 0;
        for (var j = 0; j < Math.Min(k, recommended.Count); j++)
        {
            if (!relevant.Contains(recommended[j])) continue;
            hits++;
            sum += hits / (j + 1);
        }
        return sum / Math.Min(relevant.Count, k);
    }
}

/// <summary>A recommender's mean metrics over the evaluated users.</summary>
public sealed record RankingScore(string Method, int Users, int K, double Precision, double Recall, double Map);

/// <summary>Evaluates recommenders on a <see cref="RetailSplit"/>.</summary>
public static class RecommenderEvaluation
{
    /// <summary>
    /// Mean precision@k, recall@k and MAP@k over every user with relevant items, each user's top k among the items
    /// they did not buy in training.
    /// </summary>
    public static RankingScore Evaluate(IRecommender model, RetailSplit split, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        var users = split.Relevant.Keys.Order().ToArray();
        var p = new double[users.Length];
        var r = new double[users.Length];
        var ap = new double[users.Length];
        Parallel.For(0, users.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, n =>
        {
            var rec = Recommend.TopItems(model, split.Train, users[n], k);
            var rel = split.Relevant[users[n]];
            p[n] = RankingMetrics.Precision(rec, rel, k);
            r[n] = RankingMetrics.Recall(rec, rel, k);
            ap[n] = RankingMetrics.AveragePrecision(rec, rel, k);
        });
        return new RankingScore(model.Name, users.Length, k, Mean(p), Mean(r), Mean(ap));
    }

    private static double Mean(double[] v) => v.Length == 0 ? double.NaN : v.Sum() / v.Length;
}
