using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Fourier terms of the forecast period: <c>sin(2πk·t/P)</c> and <c>cos(2πk·t/P)</c> for k = 1..<see cref="Terms"/>, t the
/// period's time ordinal and P the <see cref="Period"/> (52.18 for yearly seasonality of weekly data, 7 for the weekly
/// pattern of daily data). Deterministic in t, so they are known for every future period.
/// </summary>
public sealed record FourierFeatures : IFeatureFamily
{
    public double Period { get; init; } = 365.25 / 7;

    public int Terms { get; init; } = 2;

    public string Name => "fourier";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        if (!(Period > 1)) throw new ArgumentException($"the Fourier period must exceed 1, got {Period}", nameof(Period));
        if (Terms < 1) throw new ArgumentException($"at least one Fourier term, got {Terms}", nameof(Terms));
        var columns = Enumerable.Range(1, Terms).SelectMany(k => new[]
        {
            new FeatureColumn(string.Create(CultureInfo.InvariantCulture, $"fourier.sin{k}/{Period:0.##}"), Name),
            new FeatureColumn(string.Create(CultureInfo.InvariantCulture, $"fourier.cos{k}/{Period:0.##}"), Name),
        }).ToArray();
        return new Fitted(this, columns);
    }

    private sealed class Fitted(FourierFeatures o, FeatureColumn[] columns) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            // the phase in [0, P) first, so large ordinals (days since year 1) keep their precision
            var phase = row.Time - Math.Floor(row.Time / o.Period) * o.Period;
            for (var k = 1; k <= o.Terms; k++)
            {
                var angle = 2 * Math.PI * k * phase / o.Period;
                values[2 * (k - 1)] = Math.Sin(angle);
                values[2 * (k - 1) + 1] = Math.Cos(angle);
            }
        }
    }
}
