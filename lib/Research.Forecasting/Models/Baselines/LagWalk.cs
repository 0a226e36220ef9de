namespace Research.Forecasting.Models.Baselines;

/// <summary>
/// The random walk family, as R forecast's <c>lagwalk</c> (behind <c>naive</c>, <c>snaive</c> and <c>rwf</c>):
/// the forecast h steps ahead repeats the value one lag L earlier (<c>y[T + h − L·⌈h/L⌉]</c>), plus k·b with drift b,
/// where k = ⌈h/L⌉ is the number of lags walked. Without drift σ² = mean of squared lag-L differences and
/// se = σ√k; with drift b and its standard error come from regressing the lag-L differences on a constant, σ is the
/// regression's residual standard deviation and se = √(σ²k + (k·se_b)²). Intervals are normal.
/// </summary>
internal static class LagWalk
{
    public sealed record Fitted(double Drift, double DriftSe, double Sigma, int Lag);

    public static Fitted Fit(ReadOnlySpan<double> y, int lag, bool drift, string id)
    {
        if (lag < 1) throw new ArgumentOutOfRangeException(nameof(lag), lag, "the lag is at least 1");
        if (BaselineKernels.LastObserved(y) < 0) throw new ArgumentException($"series {id}: no observed values");
        var d = BaselineKernels.LagDifferences(y, lag);
        if (!drift)
            return new Fitted(0, 0, d.Length == 0 ? double.NaN : Math.Sqrt(d.Sum(v => v * v) / d.Length), lag);
        if (d.Length < 2) throw new ArgumentException($"series {id}: drift needs at least two differences at lag {lag}, found {d.Length}");
        var b = d.Average();
        var sigma = Math.Sqrt(d.Sum(v => (v - b) * (v - b)) / (d.Length - 1));
        return new Fitted(b, sigma / Math.Sqrt(d.Length), sigma, lag);
    }

    public static SeriesForecast Forecast(Fitted fit, ReadOnlySpan<double> history, int steps, IReadOnlyList<double>? levels, string id)
    {
        BaselineKernels.RequireSteps(steps);
        var n = history.Length;
        if (n == 0) throw new ArgumentException($"series {id}: no history to forecast from");
        var mean = new double[steps];
        var se = new double[steps];
        for (var h = 1; h <= steps; h++)
        {
            var k = (h - 1) / fit.Lag + 1;
            // the value one lag-cycle back, walking further back over missing values
            var t = n - fit.Lag + (h - 1) % fit.Lag;
            while (t >= 0 && double.IsNaN(history[t])) t -= fit.Lag;
            if (t < 0) t = BaselineKernels.LastObserved(history);
            if (t < 0) throw new ArgumentException($"series {id}: no observed values");
            mean[h - 1] = history[t] + k * fit.Drift;
            se[h - 1] = Math.Sqrt(fit.Sigma * fit.Sigma * k + (k * fit.DriftSe) * (k * fit.DriftSe));
        }
        return new SeriesForecast(mean, BaselineKernels.Intervals(mean, se, levels, BaselineKernels.Z));
    }
}
