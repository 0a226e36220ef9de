namespace Research.Forecasting.Models;

/// <summary>A central prediction interval at one coverage level (e.g. 80 or 95 percent).</summary>
public sealed record PredictionInterval(double Level, double[] Lower, double[] Upper);

/// <summary>Point forecasts for steps 1..h after the end of a series, with optional prediction intervals.</summary>
public sealed record SeriesForecast(double[] Mean, IReadOnlyList<PredictionInterval> Intervals)
{
    public SeriesForecast(double[] mean) : this(mean, []) { }

    public int Steps => Mean.Length;

    /// <summary>The interval at <paramref name="level"/>; throws when it was not computed.</summary>
    public PredictionInterval Interval(double level) =>
        Intervals.FirstOrDefault(i => i.Level == level)
        ?? throw new KeyNotFoundException($"no {level}% interval; computed: {string.Join(", ", Intervals.Select(i => i.Level))}");

    /// <summary>Applies <paramref name="f"/> to the mean and both bounds (a monotone back-transform such as <c>exp</c>).</summary>
    public SeriesForecast Map(Func<double, double> f) =>
        new(Mean.Select(f).ToArray(), Intervals.Select(i => new PredictionInterval(i.Level, i.Lower.Select(f).ToArray(), i.Upper.Select(f).ToArray())).ToArray());
}
