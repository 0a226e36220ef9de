using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Lags available at the origin: <c>y[o], y[o−1], …, y[o−Count+1]</c> (the last <see cref="Count"/> target values known
/// when the forecast is made, so the lag distance to the forecast period is <c>step + j</c>), and seasonal lags
/// <c>y[t − k·m]</c> for k = 1..<see cref="SeasonalLags"/> when that period is at or before the origin (NaN otherwise).
/// </summary>
public sealed record LagFeatures : IFeatureFamily
{
    /// <summary>Lags counted back from the origin.</summary>
    public int Count { get; init; } = 8;

    /// <summary>Season length m for the seasonal lags (0 = none).</summary>
    public int SeasonLength { get; init; }

    /// <summary>Seasonal lags k = 1..this, relative to the forecast period.</summary>
    public int SeasonalLags { get; init; }

    public string Name => "lags";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        if (Count < 0 || SeasonalLags < 0 || SeasonLength < 0) throw new ArgumentException("lag counts and the season length cannot be negative");
        if (SeasonalLags > 0 && SeasonLength < 2) throw new ArgumentException($"seasonal lags need a season length of at least 2, got {SeasonLength}", nameof(SeasonLength));
        var columns = Enumerable.Range(0, Count).Select(j => new FeatureColumn(string.Create(CultureInfo.InvariantCulture, $"lag.o-{j}"), Name))
            .Concat(Enumerable.Range(1, SeasonalLags).Select(k => new FeatureColumn(string.Create(CultureInfo.InvariantCulture, $"lag.t-{k * SeasonLength}"), Name)))
            .ToArray();
        return new Fitted(this, columns);
    }

    private sealed class Fitted(LagFeatures o, FeatureColumn[] columns) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var past = row.Past;
            var n = past.Length;
            for (var j = 0; j < o.Count; j++) values[j] = n - 1 - j >= 0 ? past[n - 1 - j] : double.NaN;
            for (var k = 1; k <= o.SeasonalLags; k++)
            {
                var i = row.TargetIndex - k * o.SeasonLength;
                values[o.Count + k - 1] = i >= 0 && i < n ? past[i] : double.NaN;
            }
        }
    }
}
