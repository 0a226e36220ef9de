namespace Research.Forecasting.Models.Baselines;

/// <summary>Moving average: every forecast is the mean of the last <paramref name="Window"/> observed values (no intervals).</summary>
/// <param name="Window">Number of most recent observed values averaged.</param>
public sealed record MovingAverage(int Window) : ISeriesForecaster
{
    public string Name => $"ma{Window}";

    public ISeriesModel Fit(SeriesData train)
    {
        if (Window < 1) throw new ArgumentOutOfRangeException(nameof(Window), Window, "the window is at least 1");
        return new Model(train, Window);
    }

    private sealed record Model(SeriesData Train, int Window) : ISeriesModel
    {
        public SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null)
        {
            BaselineKernels.RequireSteps(steps);
            var y = BaselineKernels.Observed(history.Y);
            if (y.Length == 0) throw new ArgumentException($"series {history.Id}: no observed values");
            var value = y.TakeLast(Window).Average();
            return new SeriesForecast(Enumerable.Repeat(value, steps).ToArray());
        }
    }
}
