namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>Fitted implicit ALS: user factors <c>X</c> (users x f) and item factors <c>Y</c> (items x f), row-major.</summary>
public sealed class AlsModel : IRecommender
{
    internal AlsModel(AlsOptions options, InteractionMatrix train, double[] userFactors, double[] itemFactors, IReadOnlyList<double> losses)
    {
        Options = options;
        Train = train;
        UserFactors = userFactors;
        ItemFactors = itemFactors;
        Losses = losses;
    }

    /// <summary>The options fitted with.</summary>
    public AlsOptions Options { get; }

    /// <summary>The training matrix.</summary>
    public InteractionMatrix Train { get; }

    /// <summary>User factors, users x f, row-major.</summary>
    public double[] UserFactors { get; }

    /// <summary>Item factors, items x f, row-major.</summary>
    public double[] ItemFactors { get; }

    /// <summary>The objective (<see cref="ImplicitAls.Loss"/>) after each sweep.</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <inheritdoc/>
    public string Name => "implicit ALS";

    /// <summary>Predicted preference <c>x_u' y_i</c>.</summary>
    public double Predict(int user, int item)
    {
        var f = Options.Factors;
        return ImplicitAls.Dot(UserFactors.AsSpan(user * f, f), ItemFactors.AsSpan(item * f, f));
    }

    /// <inheritdoc/>
    public void Score(int user, Span<double> scores)
    {
        var f = Options.Factors;
        var x = UserFactors.AsSpan(user * f, f);
        for (var i = 0; i < scores.Length; i++) scores[i] = ImplicitAls.Dot(x, ItemFactors.AsSpan(i * f, f));
    }

    /// <summary>Scores of every user for item <paramref name="item"/> (targeting): <c>x_u' y_item</c>.</summary>
    public double[] ScoreUsers(int item)
    {
        var f = Options.Factors;
        var y = ItemFactors.AsSpan(item * f, f);
        var s = new double[Train.Users.Count];
        for (var u = 0; u < s.Length; u++) s[u] = ImplicitAls.Dot(UserFactors.AsSpan(u * f, f), y);
        return s;
    }
}
