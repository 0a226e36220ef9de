using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Expanding statistics of everything known at the origin: mean, standard deviation, minimum, maximum and count of the
/// observed target values from the series' first period through the origin (a series' level and spread, for a global
/// model that mixes series of different sizes).
/// </summary>
public sealed record ExpandingFeatures : IFeatureFamily
{
    public string Name => "expanding";

    public IFittedFeatureFamily Fit(SeriesPanel train) => new Fitted();

    private sealed class Fitted : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns { get; } =
            [new("expanding.mean", "expanding"), new("expanding.std", "expanding"), new("expanding.min", "expanding"), new("expanding.max", "expanding"), new("expanding.count", "expanding")];

        public void Write(in FeatureRow row, Span<double> values)
        {
            var (n, mean, m2, min, max) = RollingFeatures.Moments(row.Past);
            values[0] = n > 0 ? mean : double.NaN;
            values[1] = n > 1 ? Math.Sqrt(m2 / (n - 1)) : double.NaN;
            values[2] = n > 0 ? min : double.NaN;
            values[3] = n > 0 ? max : double.NaN;
            values[4] = n;
        }
    }
}
