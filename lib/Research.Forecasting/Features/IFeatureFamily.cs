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
