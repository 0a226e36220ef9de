using MathNet.Numerics.Distributions;

namespace Research.Forecasting.Models.Baselines;

/// <summary>
/// Historic mean: every forecast is the mean ȳ of the training values (NaN skipped). Intervals as R forecast's
/// <c>meanf</c>: ȳ ± t(n−1) · s · √(1 + 1/n), with s the sample standard deviation. Reference: Hyndman &amp;
/// Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), §5.2.
/// </summary>
public sealed record Mean : ISeriesForecaster
{
    public string Name => "mean";

    public ISeriesModel Fit(SeriesData train)
    {
        var y = BaselineKernels.Observed(train.Y);
        if (y.Length == 0) throw new ArgumentException($"series {train.Id}: no observed values to average", nameof(train));
        var mean = y.Average();
        var sd = y.Length > 1 ? Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / (y.Length - 1)) : double.NaN;
        return new Model(train, mean, sd, y.Length);
    }

    private sealed record Model(SeriesData Train, double Value, double Sd, int N) : ISeriesModel
    {
        public SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null)
        {
            BaselineKernels.RequireSteps(steps);
            var mean = Enumerable.Repeat(Value, steps).ToArray();
            var se = Enumerable.Repeat(Sd * Math.Sqrt(1 + 1.0 / N), steps).ToArray();
            return new SeriesForecast(mean, BaselineKernels.Intervals(mean, se, levels, level => N > 1 ? StudentT.InvCDF(0, 1, N - 1, 0.5 + level / 200) : double.PositiveInfinity));
        }
    }
}
