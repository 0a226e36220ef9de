using Research.Forecasting.Data;
using Research.Forecasting.Decisions.Lifecycle;
using Research.Forecasting.Models;

namespace Research.Forecasting.Features;

/// <summary>
/// The series' life-cycle stage at the origin (<see cref="LifecycleOptions.Classify"/> on the known target through the
/// origin, taken back to sales with <see cref="Transform"/>): <c>lifecycle.stage</c> (categorical: introduction,
/// growth, maturity, decline; NaN before the first sale), <c>lifecycle.level</c> (smoothed sales against their running
/// peak) and <c>lifecycle.growth</c> (growth of the smoothed sales over the growth lag). Unobserved periods are skipped
/// by the smoothing. Only the past is read, so the stage is the one a forecaster knew at the origin.
/// </summary>
public sealed record LifecycleFeatures : IFeatureFamily
{
    /// <summary>The stage rules (thresholds documented there).</summary>
    public LifecycleOptions Options { get; init; } = new();

    /// <summary>
    /// The target transform of the <see cref="FeatureOptions"/> this family is part of: the rows' past is on the model's
    /// scale and is inverted to sales before the stages are computed (growth and level are ratios of sales).
    /// </summary>
    public TargetTransform Transform { get; init; }

    public string Name => "lifecycle";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        Options.Validate();
        return new Fitted(this, [new("lifecycle.stage", Name, Categories: 4), new("lifecycle.level", Name), new("lifecycle.growth", Name)]);
    }

    private sealed class Fitted(LifecycleFeatures o, FeatureColumn[] columns) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var past = row.Past;
            var sales = new double[past.Length];
            for (var i = 0; i < past.Length; i++) sales[i] = double.IsNaN(past[i]) ? double.NaN : o.Transform.Invert(past[i]);
            var curve = o.Options.Classify(sales);
            var t = past.Length - 1;
            values[0] = t >= 0 && curve.Stages[t] is { } stage ? (int)stage : double.NaN;
            values[1] = t >= 0 ? curve.Level[t] : double.NaN;
            values[2] = t >= 0 ? curve.Growth[t] : double.NaN;
        }
    }
}
