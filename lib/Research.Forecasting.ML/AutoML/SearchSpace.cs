namespace Research.Forecasting.ML.AutoML;

/// <summary>The hyperparameters of one model family (a list of <see cref="Dimension"/>s, unique names, in a fixed order).</summary>
public sealed class SearchSpace
{
    public SearchSpace(string family, IReadOnlyList<Dimension> dimensions)
    {
        var duplicate = dimensions.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"search space '{family}': two dimensions are named '{duplicate.Key}'", nameof(dimensions));
        Family = family;
        Dimensions = dimensions;
    }

    /// <summary>The model family these parameters configure (<c>lgbm</c>, <c>fasttree</c>, <c>linear</c>).</summary>
    public string Family { get; }

    public IReadOnlyList<Dimension> Dimensions { get; }

    public int Count => Dimensions.Count;

    /// <summary>The low-cost starting configuration.</summary>
    public Configuration Initial => new(this, [.. Dimensions.Select(d => d.Initial)]);

    /// <summary>A configuration drawn uniformly on the normalised scale.</summary>
    public Configuration Sample(Random random) => new(this, [.. Dimensions.Select(d => d.Sample(random))]);

    /// <summary>The configuration at a point of the unit cube.</summary>
    public Configuration Denormalize(ReadOnlySpan<double> point)
    {
        var values = new double[Count];
        for (var i = 0; i < values.Length; i++) values[i] = Dimensions[i].Denormalize(point[i]);
        return new Configuration(this, values);
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < Dimensions.Count; i++)
            if (string.Equals(Dimensions[i].Name, name, StringComparison.Ordinal)) return i;
        throw new ArgumentException($"search space '{Family}' has no dimension '{name}'; it has {string.Join(", ", Dimensions.Select(d => d.Name))}", nameof(name));
    }
}
