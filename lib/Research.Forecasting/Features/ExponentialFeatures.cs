using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Exponentially weighted means of the known values: for each α, <c>Σ_j (1−α)^j y[o−j] / Σ_j (1−α)^j</c> over the
/// observed values at or before the origin (pandas' <c>ewm(alpha, adjust=True, ignore_na=True)</c> taken at the origin
/// with unobserved values skipped). NaN with no observed value.
/// </summary>
public sealed record ExponentialFeatures : IFeatureFamily
{
    public IReadOnlyList<double> Alphas { get; init; } = [0.1, 0.3, 0.6];

    public string Name => "ewm";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        if (Alphas.Any(a => !(a > 0 && a <= 1))) throw new ArgumentException("every alpha must be in (0, 1]", nameof(Alphas));
        return new Fitted(this, [.. Alphas.Select(a => new FeatureColumn(string.Create(CultureInfo.InvariantCulture, $"ewm.{a:0.###}"), Name))]);
    }

    private sealed class Fitted(ExponentialFeatures o, FeatureColumn[] columns) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var past = row.Past;
            for (var a = 0; a < o.Alphas.Count; a++)
            {
                var decay = 1 - o.Alphas[a];
                double num = 0, den = 0, w = 1;
                for (var i = past.Length - 1; i >= 0 && w > 1e-12; i--)
                {
                    if (!double.IsNaN(past[i]))
                    {
                        num += w * past[i];
                        den += w;
                        w *= decay;
                    }
                }
                values[a] = den > 0 ? num / den : double.NaN;
            }
        }
    }
}
