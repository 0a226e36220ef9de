namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>The popularity baseline: every user gets the items bought by the most training users.</summary>
public sealed class Popularity : IRecommender
{
    private readonly double[] _count;

    /// <summary>Counts each item's users in <paramref name="train"/>.</summary>
    public Popularity(InteractionMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        _count = Enumerable.Range(0, train.Items.Count).Select(i => (double)(train.ColStart[i + 1] - train.ColStart[i])).ToArray();
    }

    /// <inheritdoc/>
    public string Name => "popularity";

    /// <inheritdoc/>
    public void Score(int user, Span<double> scores) => _count.CopyTo(scores);
}
