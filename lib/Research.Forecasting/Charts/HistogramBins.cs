namespace Research.Forecasting.Charts;

/// <summary>
/// Equal-width histogram bins <c>[Start + k Size, Start + (k + 1) Size)</c>, k = 0..<see cref="BinCount"/> - 1
/// (Plotly's <c>xbins</c>: start, end, size).
/// </summary>
public sealed record HistogramBins(double Start, double Size, int BinCount)
{
    public double End => Start + BinCount * Size;

    /// <summary>Left edge of bin <paramref name="k"/>.</summary>
    public double Edge(int k) => Start + k * Size;

    /// <summary>
    /// Bins for <paramref name="values"/> (NaN ignored). The width is <paramref name="size"/> if given, else about
    /// (max - min) / <paramref name="bins"/>, else Plotly's automatic rule 2 sd / n^0.4; a computed width is rounded to
    /// 1, 2 or 5 times a power of ten (the nearest for a bin count, the next larger for the automatic rule), and is at least 1 for integer data. Bins start at <paramref name="start"/> if
    /// given, else at a multiple of the width (offset by -0.5 for integer data, so integers sit in the middle of bins).
    /// </summary>
    public static HistogramBins For(IEnumerable<double> values, int? bins = null, double? size = null, double? start = null)
    {
        if (bins is <= 0) throw new ArgumentOutOfRangeException(nameof(bins), bins, "must be positive");
        if (size is not null && !(size > 0 && double.IsFinite(size.Value))) throw new ArgumentOutOfRangeException(nameof(size), size, "must be a positive number");
        var data = values.Where(double.IsFinite).ToArray();
        if (data.Length == 0) return new HistogramBins(start ?? 0, size ?? 1, 1);
        var min = data.Min();
        var max = data.Max();
        var integers = data.All(v => v == Math.Floor(v));
        double width;
        if (size is { } s) width = s;
        else
        {
            double raw;
            if (bins is { } b) raw = (max - min) / b;
            else
            {
                var mean = data.Average();
                var sd = Math.Sqrt(data.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, data.Length - 1));
                raw = 2 * sd / Math.Pow(data.Length, 0.4);
            }
            if (!(raw > 0)) raw = Math.Max(Math.Abs(max), 1) / 10;
            width = bins is null ? NiceTicks.CeilToNice(raw) : NiceTicks.RoundToNice(raw);
            if (integers) width = Math.Max(1, Math.Round(width));
        }
        var first = start ?? (integers && width == Math.Floor(width)
            ? Math.Floor((min + 0.5) / width) * width - 0.5
            : Math.Floor(min / width) * width);
        if (first > min) first -= width * Math.Ceiling((first - min) / width);
        var count = (int)Math.Floor((max - first) / width) + 1;
        return new HistogramBins(first, width, Math.Max(1, count));
    }

    /// <summary>Number of values in each bin; values outside the bins and NaN are not counted.</summary>
    public int[] Count(IEnumerable<double> values)
    {
        var counts = new int[BinCount];
        foreach (var v in values)
        {
            if (!double.IsFinite(v)) continue;
            var k = (int)Math.Floor((v - Start) / Size);
            if (k >= 0 && k < BinCount) counts[k]++;
        }
        return counts;
    }
}
