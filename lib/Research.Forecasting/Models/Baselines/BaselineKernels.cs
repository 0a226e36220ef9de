using MathNet.Numerics.Distributions;

namespace Research.Forecasting.Models.Baselines;

/// <summary>Small pure helpers shared by the baseline models.</summary>
internal static class BaselineKernels
{
    /// <summary>The non-NaN values, in order.</summary>
    public static double[] Observed(ReadOnlySpan<double> y)
    {
        var list = new List<double>(y.Length);
        foreach (var v in y) if (!double.IsNaN(v)) list.Add(v);
        return [.. list];
    }

    /// <summary>Differences <c>y[t] - y[t - lag]</c> where both are present.</summary>
    public static double[] LagDifferences(ReadOnlySpan<double> y, int lag)
    {
        var d = new List<double>(y.Length);
        for (var t = lag; t < y.Length; t++)
            if (!double.IsNaN(y[t]) && !double.IsNaN(y[t - lag])) d.Add(y[t] - y[t - lag]);
        return [.. d];
    }

    /// <summary>Index of the last non-NaN value, or -1.</summary>
    public static int LastObserved(ReadOnlySpan<double> y)
    {
        for (var t = y.Length - 1; t >= 0; t--) if (!double.IsNaN(y[t])) return t;
        return -1;
    }

    /// <summary>Standard normal quantile for the upper bound of a central interval at <paramref name="level"/> percent.</summary>
    public static double Z(double level) => Normal.InvCDF(0, 1, 0.5 + level / 200);

    /// <summary>Intervals mean ± q·se for every level.</summary>
    public static IReadOnlyList<PredictionInterval> Intervals(double[] mean, double[] se, IReadOnlyList<double>? levels, Func<double, double> quantile)
    {
        if (levels is null || levels.Count == 0) return [];
        return levels.Select(level =>
        {
            if (!(level > 0 && level < 100)) throw new ArgumentOutOfRangeException(nameof(levels), level, "a level is a percentage in (0, 100)");
            var q = quantile(level);
            return new PredictionInterval(level, mean.Select((m, h) => m - q * se[h]).ToArray(), mean.Select((m, h) => m + q * se[h]).ToArray());
        }).ToArray();
    }

    public static void RequireSteps(int steps)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "forecast at least one step");
    }
}
