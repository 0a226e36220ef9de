namespace Research.Forecasting.Cleaning;

/// <summary>Pure fill kernels over one series: sorted time ordinals and values (NaN = missing), filled in place.</summary>
public static class FillKernels
{
    /// <summary>Forward fill then backward fill. Returns how many values were filled.</summary>
    public static int ForwardBackward(Span<double> v)
    {
        var filled = 0;
        var last = double.NaN;
        for (var k = 0; k < v.Length; k++)
        {
            if (double.IsNaN(v[k])) { if (!double.IsNaN(last)) { v[k] = last; filled++; } }
            else last = v[k];
        }
        var next = double.NaN;
        for (var k = v.Length - 1; k >= 0; k--)
        {
            if (double.IsNaN(v[k])) { if (!double.IsNaN(next)) { v[k] = next; filled++; } }
            else next = v[k];
        }
        return filled;
    }

    /// <summary>Linear interpolation in time between observed neighbours; nearest value at the edges.</summary>
    public static int Linear(ReadOnlySpan<long> time, Span<double> v)
    {
        var filled = 0;
        var prev = -1;
        for (var k = 0; k < v.Length; k++)
        {
            if (double.IsNaN(v[k])) continue;
            if (prev >= 0 && k - prev > 1)
            {
                for (var j = prev + 1; j < k; j++)
                {
                    v[j] = v[prev] + (v[k] - v[prev]) * (time[j] - time[prev]) / (time[k] - time[prev]);
                    filled++;
                }
            }
            prev = k;
        }
        return filled + ForwardBackward(v);
    }

    /// <summary>Value one season earlier (chained), else one season later, else forward/backward.</summary>
    public static int Seasonal(ReadOnlySpan<long> time, Span<double> v, int seasonLength)
    {
        if (seasonLength < 1) throw new ArgumentOutOfRangeException(nameof(seasonLength), seasonLength, "a season has at least one period");
        var filled = 0;
        for (var k = 0; k < v.Length; k++)
        {
            if (!double.IsNaN(v[k])) continue;
            var j = time.BinarySearch(time[k] - seasonLength);
            if (j >= 0 && !double.IsNaN(v[j])) { v[k] = v[j]; filled++; }
        }
        for (var k = v.Length - 1; k >= 0; k--)
        {
            if (!double.IsNaN(v[k])) continue;
            var j = time.BinarySearch(time[k] + seasonLength);
            if (j >= 0 && !double.IsNaN(v[j])) { v[k] = v[j]; filled++; }
        }
        return filled + ForwardBackward(v);
    }

    /// <summary>Missing values become zero.</summary>
    public static int Zero(Span<double> v)
    {
        var filled = 0;
        for (var k = 0; k < v.Length; k++) if (double.IsNaN(v[k])) { v[k] = 0; filled++; }
        return filled;
    }
}
