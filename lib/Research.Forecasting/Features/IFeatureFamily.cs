using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// A family of features (lags, rolling statistics, prices, ...): untrained options. <see cref="Fit"/> binds it to a
/// training panel (column indices, category codes, anything learned from data) and returns a separate fitted
/// <see cref="IFittedFeatureFamily"/>, so a family learns only from the training window of each round.
/// </summary>
public interface IFeatureFamily
{
    /// <summary>Short name (<c>lags</c>, <c>rolling</c>, <c>price</c>), used in column names and reports.</summary>
    string Name { get; }

    /// <summary>Binds the family to <paramref name="train"/>; nothing after its last period can be seen.</summary>
    IFittedFeatureFamily Fit(SeriesPanel train);
}

/// <summary>A feature family bound to a training panel: fixed columns, and a writer of one row's values.</summary>
public interface IFittedFeatureFamily
{
    IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>
    /// Writes the values of <see cref="Columns"/> for one row into <paramref name="values"/> (NaN = missing). The row
    /// exposes only what is known at its origin: the target through the origin and the covariates known in advance.
    /// </summary>
    void Write(in FeatureRow row, Span<double> values);
}

/// <summary>One feature column.</summary>
/// <param name="Name">Unique name in the matrix, e.g. <c>lag.y[o-0]</c>.</param>
/// <param name="Family">The family that wrote it.</param>
/// <param name="Categories">Number of categories (codes 0..n-1) for a categorical column, 0 for a numeric one.</param>
public sealed record FeatureColumn(string Name, string Family, int Categories = 0)
{
    public bool IsCategorical => Categories > 0;
}

/// <summary>
/// A family that reads the other series of a group (e.g. the other brands of the same store): the builder computes, for
/// each period, the mean of their target (and of the named covariates) and exposes it through
/// <see cref="FeatureRow.Group"/> with the same visibility rules as the series' own values.
/// </summary>
public interface IGroupFeatureFamily : IFeatureFamily
{
    GroupRequest Group { get; }
}

/// <summary>A grouping: the key column that defines the groups, and the covariates whose group means are needed.</summary>
public sealed record GroupRequest(string Key, IReadOnlyList<string> Covariates)
{
    public bool Equals(GroupRequest? other) =>
        other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal) && Covariates.SequenceEqual(other.Covariates, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Key, string.Join(',', Covariates));
}

