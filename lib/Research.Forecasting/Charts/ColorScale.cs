namespace Research.Forecasting.Charts;

/// <summary>
/// Colours for values from a minimum (position 0) to a maximum (position 1), interpolated linearly in RGB between
/// stops, as Plotly's <c>colorscale</c> (written out as explicit <c>[position, colour]</c> pairs).
/// </summary>
public sealed record ColorScale
{
    private readonly CssColor[] _colors;

    /// <summary>A scale through <paramref name="stops"/>: positions ascending from 0 to 1, colours readable by <see cref="CssColor"/>.</summary>
    public ColorScale(IEnumerable<ColorStop> stops)
    {
        Stops = stops.ToArray();
        if (Stops.Count < 2) throw new ArgumentException("a colour scale needs at least two stops", nameof(stops));
        if (Stops[0].Position != 0 || Stops[^1].Position != 1) throw new ArgumentException("colour stops must run from 0 to 1", nameof(stops));
        for (var i = 1; i < Stops.Count; i++)
            if (Stops[i].Position < Stops[i - 1].Position) throw new ArgumentException("colour stop positions must ascend", nameof(stops));
        _colors = Stops.Select(s => CssColor.Parse(s.Color)).ToArray();
    }

    public IReadOnlyList<ColorStop> Stops { get; }

    /// <summary>Evenly spaced <paramref name="colors"/>, first at 0 and last at 1.</summary>
    public static ColorScale Of(params string[] colors) =>
        new(colors.Select((c, i) => new ColorStop(colors.Length == 1 ? 0 : i / (double)(colors.Length - 1), c)));

    /// <summary>Plotly's Viridis (stops at 16/255 steps, as plotly.js defines it).</summary>
    public static ColorScale Viridis { get; } = new(new[]
    {
        "#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c",
        "#1fa088", "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725",
    }.Select((c, i) => new ColorStop(i == 16 ? 1 : 16 * i / 255.0, c)));

    /// <summary>White to dark blue (ColorBrewer Blues).</summary>
    public static ColorScale Blues { get; } = Of("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b");

    /// <summary>Diverging red-white-blue (ColorBrewer RdBu, red low), for signed values such as errors around 0.</summary>
    public static ColorScale RedBlue { get; } = Of("#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac");

    /// <summary>Light grey for 0 (observed) to red for 1 (missing): a missing-data map.</summary>
    public static ColorScale Missing { get; } = Of("#eeeeee", "#d62728");

    /// <summary>Colour at position <paramref name="t"/> (clamped to 0..1), as <c>#rrggbb</c>.</summary>
    public string At(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        for (var i = 1; i < Stops.Count; i++)
        {
            if (t > Stops[i].Position) continue;
            var span = Stops[i].Position - Stops[i - 1].Position;
            return _colors[i - 1].Lerp(_colors[i], span == 0 ? 1 : (t - Stops[i - 1].Position) / span).Hex;
        }
        return _colors[^1].Hex;
    }
}
