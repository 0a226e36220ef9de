namespace Research.Forecasting.Neural.Data;

/// <summary>A location and a scale: <c>z = (y − Center) / Scale</c>, <c>y = Center + Scale·z</c>.</summary>
public readonly record struct Affine(double Center, double Scale)
{
    public static Affine Identity { get; } = new(0, 1);

    public double Apply(double y) => (y - Center) / Scale;

    public double Invert(double z) => Center + Scale * z;
}

/// <summary>The per-series scaling kernels (pure functions of the finite values; a zero spread becomes 1).</summary>
public static class ScaleKernel
{
    /// <summary>The affine map of <paramref name="scaling"/> fitted on the finite values of <paramref name="y"/> (identity when none).</summary>
    public static Affine Fit(Scaling scaling, ReadOnlySpan<double> y)
    {
        var v = new List<double>(y.Length);
        foreach (var x in y)
            if (double.IsFinite(x)) v.Add(x);
        if (v.Count == 0 || scaling == Scaling.None) return Affine.Identity;
        switch (scaling)
        {
            case Scaling.Standard:
            {
                var mean = v.Average();
                var sd = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Count); // population sd
                return new Affine(mean, Spread(sd));
            }
            case Scaling.Robust:
            {
                v.Sort();
                return new Affine(Quantile(v, 0.5), Spread(Quantile(v, 0.75) - Quantile(v, 0.25)));
            }
            case Scaling.MinMax:
            {
                var min = v.Min();
                return new Affine(min, Spread(v.Max() - min));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "unknown scaling");
        }
    }

    /// <summary>Quantile of sorted values by linear interpolation between order statistics (R's type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double Spread(double s) => s > 1e-12 && double.IsFinite(s) ? s : 1;
}
