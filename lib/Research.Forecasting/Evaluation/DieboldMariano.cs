using MathNet.Numerics.Distributions;

namespace Research.Forecasting.Evaluation;

/// <summary>
/// Diebold-Mariano test of equal predictive accuracy with the Harvey-Leybourne-Newbold small-sample correction,
/// as R forecast's <c>dm.test(e1, e2, alternative, h, power)</c> (its default <c>varestimator = "acf"</c>).
/// </summary>
public static class DieboldMariano
{
    /// <summary>
    /// Tests whether two forecasts of the same periods are equally accurate. With the loss differential
    /// <c>d_t = |e1_t|^p − |e2_t|^p</c> (<c>t = 1..n</c>), its mean <c>d̄</c> and autocovariances
    /// <c>γ_k = (1/n) Σ_{t=1}^{n−k} (d_t − d̄)(d_{t+k} − d̄)</c>, the long-run variance of <c>d̄</c> is
    /// <c>V = (γ_0 + 2 Σ_{k=1}^{h−1} γ_k) / n</c> and
    /// <c>DM* = d̄ / sqrt(V) · sqrt((n + 1 − 2h + h(h − 1)/n) / n)</c>, referred to Student's t with <c>n − 1</c>
    /// degrees of freedom. When <c>V ≤ 0</c> with <c>h &gt; 1</c> the test is repeated with <c>h = 1</c> (R warns and
    /// does the same; the result's <see cref="DieboldMarianoResult.Horizon"/> then is 1).
    /// References: Diebold &amp; Mariano (1995), "Comparing predictive accuracy", JBES 13(3), 253–263;
    /// Harvey, Leybourne &amp; Newbold (1997), "Testing the equality of prediction mean squared errors", IJF 13(2), 281–291.
    /// </summary>
    /// <param name="e1">Forecast errors of method 1, in time order (same periods as <paramref name="e2"/>; no NaN).</param>
    /// <param name="e2">Forecast errors of method 2.</param>
    /// <param name="alternative"><see cref="Alternative.Less"/>: method 1 is more accurate; <see cref="Alternative.Greater"/>: method 2 is.</param>
    /// <param name="horizon">Forecast horizon <c>h ≥ 1</c> of the errors (h-step errors are MA(h−1)); less than the number of periods.</param>
    /// <param name="power">Loss power <c>p</c>: 1 (absolute) or 2 (squared, R's default).</param>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 periods, a NaN error, or the loss differential is constant (zero variance; R stops too).</exception>
    /// <exception cref="ArgumentOutOfRangeException">Horizon or power out of range.</exception>
    public static DieboldMarianoResult Test(
        ReadOnlySpan<double> e1, ReadOnlySpan<double> e2,
        Alternative alternative = Alternative.TwoSided, int horizon = 1, int power = 2)
    {
        if (e1.Length != e2.Length)
            throw new ArgumentException($"e2 has {e2.Length} errors but e1 has {e1.Length}; they must cover the same periods", nameof(e2));
        var n = e1.Length;
        if (n < 2) throw new ArgumentException($"the test needs at least 2 periods, got {n}", nameof(e1));
        if (power is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(power), power, "the loss power must be 1 or 2");
        if (horizon < 1 || horizon >= n)
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"the horizon must be at least 1 and less than the {n} periods");
        if (!Enum.IsDefined(alternative)) throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "unknown alternative");

        var d = new double[n];
        for (var t = 0; t < n; t++)
        {
            if (double.IsNaN(e1[t])) throw new ArgumentException($"e1 is NaN at position {t}; drop the period from both series first", nameof(e1));
            if (double.IsNaN(e2[t])) throw new ArgumentException($"e2 is NaN at position {t}; drop the period from both series first", nameof(e2));
            d[t] = Math.Pow(Math.Abs(e1[t]), power) - Math.Pow(Math.Abs(e2[t]), power);
        }
        var mean = d.Average();

        var h = horizon;
        var variance = LongRunVariance(d, mean, h);
        if (!(variance > 0) && h > 1)
        {
            h = 1;
            variance = LongRunVariance(d, mean, h);
        }
        if (!(variance > 0))
            throw new ArgumentException("the loss differential |e1|^p - |e2|^p is constant, so its variance is zero and the DM statistic is undefined");

        var correction = Math.Sqrt((n + 1 - 2.0 * h + h * (h - 1.0) / n) / n);
        var statistic = mean / Math.Sqrt(variance) * correction;
        var df = n - 1.0;
        var p = alternative switch
        {
            Alternative.TwoSided => 2 * StudentT.CDF(0, 1, df, -Math.Abs(statistic)),
            Alternative.Less => StudentT.CDF(0, 1, df, statistic),
            _ => StudentT.CDF(0, 1, df, -statistic),
        };
        return new DieboldMarianoResult(statistic, p, alternative, h, power, n);
    }

    /// <summary><c>(γ_0 + 2 Σ_{k=1}^{h−1} γ_k) / n</c> with the biased (divide-by-n) autocovariances of R's <c>acf</c>.</summary>
    private static double LongRunVariance(double[] d, double mean, int h)
    {
        var n = d.Length;
        var sum = 0.0;
        for (var k = 0; k < h; k++)
        {
            var gamma = 0.0;
            for (var t = 0; t + k < n; t++) gamma += (d[t] - mean) * (d[t + k] - mean);
            gamma /= n;
            sum += k == 0 ? gamma : 2 * gamma;
        }
        return sum / n;
    }
}
