namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>A customer ranked for a product promotion.</summary>
public sealed record TargetCustomer(int Rank, string Customer, double Score);

/// <summary>
/// Promotion targeting: for a product to promote, the customers most likely to buy it, ranked by the model's score
/// of that product (ALS <c>x_u'y_i</c> or item-item <c>sum_{j in I_u} sim(i, j)</c>), customers who already bought it
/// in training left out (they need no discovery; ties to the lower customer index).
/// </summary>
public static class Targeting
{
    /// <summary>Top <paramref name="count"/> customers for <paramref name="product"/> under ALS.</summary>
    public static IReadOnlyList<TargetCustomer> Customers(AlsModel model, string product, int count) =>
        Rank(model.Train, product, count, model.ScoreUsers);

    /// <summary>Top <paramref name="count"/> customers for <paramref name="product"/> under item-item cosine.</summary>
    public static IReadOnlyList<TargetCustomer> Customers(ItemCosine model, InteractionMatrix train, string product, int count) =>
        Rank(train, product, count, model.ScoreUsers);

    private static TargetCustomer[] Rank(InteractionMatrix train, string product, int count, Func<int, double[]> score)
    {
        var item = train.ItemIndex(product);
        if (item < 0) throw new KeyNotFoundException($"product {product} was not sold in the training period");
        var s = score(item);
        foreach (var u in train.UsersOf(item)) s[u] = double.NegativeInfinity;
        return Recommend.TopK(s, count).Select((u, r) => new TargetCustomer(r + 1, train.Users[u], s[u])).ToArray();
    }
}
