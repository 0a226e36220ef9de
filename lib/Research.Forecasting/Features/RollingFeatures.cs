using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>Statistics of a window of past values.</summary>
[Flags]
public enum RollingStatistic
{
    None = 0,
    Mean = 1,
    Std = 2,
    Min = 4,
    Max = 8,
    All = Mean | Std | Min | Max,
}

/// <summary>
/// Rolling statistics over the last w known values: for each window w, the mean, sample standard deviation, minimum and
/// maximum of the observed values among <c>y[o−w+1..o]</c> (the window ends at the origin, so every statistic is
/// already lagged by the step). NaN with no observed value (standard deviation: fewer than two).
/// </summary>
public sealed record RollingFeatures : IFeatureFamily
{
    public IReadOnlyList<int> Windows { get; init; } = [4, 13, 52];

    public RollingStatistic Statistics { get; init; } = RollingStatistic.All;

    public string Name => "rolling";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        if (Windows.Any(w => w < 1)) throw new ArgumentException("rolling windows must be at least 1 period", nameof(Windows));
        var stats = Enum.GetValues<RollingStatistic>().Where(s => s is not RollingStatistic.None and not RollingStatistic.All && Statistics.HasFlag(s)).ToArray();
        var columns = Windows.SelectMany(w => stats.Select(s => new FeatureColumn(string.Create(CultureInfo.InvariantCulture, $"rolling.{s.ToString().ToLowerInvariant()}{w}"), Name))).ToArray();
        return new Fitted(this, stats, columns);
    }

    private sealed class Fitted(RollingFeatures o, RollingStatistic[] stats, FeatureColumn[] columns) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var past = row.Past;
            var c = 0;
            foreach (var w in o.Windows)
            {
                var window = past[Math.Max(0, past.Length - w)..];
                var (count, mean, m2, min, max) = Moments(window);
                foreach (var s in stats)
                    values[c++] = s switch
                    {
                        RollingStatistic.Mean => count > 0 ? mean : double.NaN,
                        RollingStatistic.Std => count > 1 ? Math.Sqrt(m2 / (count - 1)) : double.NaN,
                        RollingStatistic.Min => count > 0 ? min : double.NaN,
                        _ => count > 0 ? max : double.NaN,
                    };
            }
        }
    }

    /// <summary>Count, mean, sum of squared deviations (Welford), min and max of the non-NaN values.</summary>
    internal static (int Count, double Mean, double M2, double Min, double Max) Moments(ReadOnlySpan<double> x)
    {
        int n = 0;
        double mean = 0, m2 = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in x)
        {
            if (double.IsNaN(v)) continue;
            n++;
            var d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (n, mean, m2, min, max);
    }
}
