using Research.Forecasting.Data;
using Research.Forecasting.Models;

namespace Research.Forecasting.Features;

/// <summary>
/// How a panel becomes a feature matrix for a global (direct, multi-horizon) model: the families, the target transform
/// (features and labels are on the transformed scale; forecasts are transformed back by the model), which rows count
/// as observed, and how much history a training row needs. Untrained options; <see cref="Fit"/> binds them to a
/// training panel.
/// </summary>
public sealed record FeatureOptions
{
    /// <summary>The feature families, in column order (the matrix always starts with the <c>step</c> column).</summary>
    public IReadOnlyList<IFeatureFamily> Families { get; init; } = [];

    /// <summary>Transform of the target applied before any feature or label is computed.</summary>
    public TargetTransform Transform { get; init; }

    /// <summary>A 0/1 dynamic column; rows with 0 (e.g. weeks filled in by cleaning) are not targets and not past values.</summary>
    public string? ObservedColumn { get; init; }

    /// <summary>Observed past values a training row needs at its origin.</summary>
    public int MinHistory { get; init; } = 1;

    /// <summary>Binds every family to <paramref name="train"/> (the training window of one round).</summary>
    public FittedFeatures Fit(SeriesPanel train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (MinHistory < 1) throw new ArgumentException($"MinHistory must be at least 1, got {MinHistory}", nameof(MinHistory));
        if (ObservedColumn is { } o) train.DynamicIndex(o); // names the column when absent
        var families = Families.Select(f => f.Fit(train)).ToArray();
        return new FittedFeatures(this, [.. train.DynamicColumns.Select(c => c.Name)], families);
    }
}
