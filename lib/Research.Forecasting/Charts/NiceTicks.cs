using System.Globalization;

namespace Research.Forecasting.Charts;

/// <summary>
/// "Nice" ticks for numeric axes: steps of 1, 2 or 5 times a power of ten; labels with as many decimals as the
/// step needs, and k/M/B suffixes for large values (as Plotly does).
/// </summary>
internal static class NiceTicks
{
    private static readonly double[] Multiples = [1, 2, 5, 10];

    /// <summary>
    /// At most <paramref name="maxTicks"/> ticks on a nice step. With <paramref name="expand"/> the first and last tick
    /// lie on or outside <paramref name="min"/>..<paramref name="max"/> (the axis range becomes the ticks' range);
    /// without, all ticks lie inside.
    /// </summary>
    public static Ticks Linear(double min, double max, int maxTicks, bool expand)
    {
        maxTicks = Math.Max(2, maxTicks);
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (min > max) (min, max) = (max, min);
        if (min == max)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        // the finest 1-2-5 step that gives at most maxTicks ticks, searching upwards from a tenth of the even split
        var raw = (max - min) / (maxTicks - 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)) - 1);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            foreach (var m in Multiples)
            {
                var step = m * magnitude;
                var first = expand ? Math.Floor(min / step + 1e-9) : Math.Ceiling(min / step - 1e-9);
                var last = expand ? Math.Ceiling(max / step - 1e-9) : Math.Floor(max / step + 1e-9);
                var count = (int)(last - first) + 1;
                if (count > maxTicks) continue;
                return Make(first, count, step);
            }
            magnitude *= 10;
        }
        return Make(0, 0, 1);
    }

    /// <summary>The 1-2-5 number nearest to <paramref name="value"/> (on a log scale).</summary>
    public static double RoundToNice(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var r = value / magnitude;
        return magnitude * (r < Math.Sqrt(2) ? 1 : r < Math.Sqrt(10) ? 2 : r < Math.Sqrt(50) ? 5 : 10);
    }

    /// <summary>The smallest 1-2-5 number at least <paramref name="value"/>.</summary>
    public static double CeilToNice(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var r = value / magnitude;
        return magnitude * (r <= 1 + 1e-9 ? 1 : r <= 2 + 1e-9 ? 2 : r <= 5 + 1e-9 ? 5 : 10);
    }

    private static Ticks Make(double first, int count, double step)
    {
        var decimals = Decimals(step);
        var values = Enumerable.Range(0, count).Select(i => Clean(Math.Round((first + i) * step, Math.Min(15, decimals)))).ToArray();
        return new Ticks(values, Labels(values, step));
    }

    /// <summary>Labels for evenly spaced <paramref name="values"/>: e.g. 0, 0.2, 0.4 or 0, 10k, 20k or 1.5M.</summary>
    public static string[] Labels(IReadOnlyList<double> values, double step)
    {
        var largest = values.Count == 0 ? 0 : values.Max(Math.Abs);
        var (scale, suffix) = largest >= 1e9 ? (1e9, "B") : largest >= 1e6 ? (1e6, "M") : largest >= 1e4 ? (1e3, "k") : (1.0, "");
        var decimals = Math.Min(15, Decimals(step / scale));
        return values.Select(v => Number(Clean(Math.Round(v / scale, decimals))) + (v == 0 ? "" : suffix)).ToArray();
    }

    /// <summary>Invariant, shortest text of a number, without exponent for ordinary magnitudes.</summary>
    public static string Number(double v) =>
        Math.Abs(v) is >= 1e-6 and < 1e15 or 0 ? v.ToString("0.###############", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);

    private static int Decimals(double step) => Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));

    private static double Clean(double v) => v == 0 ? 0 : v;
}
