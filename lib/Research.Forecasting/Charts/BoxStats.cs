namespace Research.Forecasting.Charts;

/// <summary>
/// The statistics a box plot draws, computed as plotly.js does by default: quartiles by its <c>"linear"</c> method
/// (the p-quantile of n sorted values is interpolated at 0-based position p n - 0.5, clamped to the ends), whiskers
/// to the most extreme values within 1.5 IQR of the box, and the values beyond them as outliers.
/// </summary>
public sealed record BoxStats(double Q1, double Median, double Q3, double LowerWhisker, double UpperWhisker, IReadOnlyList<double> Outliers, int Count)
{
    /// <summary>Box statistics of the finite values in <paramref name="values"/> (all NaN when there are none).</summary>
    public static BoxStats Of(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return new BoxStats(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, [], 0);
        var q1 = Quantile(sorted, 0.25);
        var q3 = Quantile(sorted, 0.75);
        var lowFence = q1 - 1.5 * (q3 - q1);
        var highFence = q3 + 1.5 * (q3 - q1);
        var lower = Math.Min(q1, sorted.First(v => v >= lowFence));
        var upper = Math.Max(q3, sorted.Last(v => v <= highFence));
        return new BoxStats(q1, Quantile(sorted, 0.5), q3, lower, upper, sorted.Where(v => v < lower || v > upper).ToArray(), sorted.Length);
    }

    /// <summary>Plotly's <c>Lib.interp</c>: the <paramref name="p"/>-quantile of ascending <paramref name="sorted"/>.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var n = p * sorted.Count - 0.5;
        if (n < 0) return sorted[0];
        if (n > sorted.Count - 1) return sorted[^1];
        var lo = (int)Math.Floor(n);
        var frac = n - lo;
        return frac == 0 ? sorted[lo] : frac * sorted[lo + 1] + (1 - frac) * sorted[lo];
    }
}
