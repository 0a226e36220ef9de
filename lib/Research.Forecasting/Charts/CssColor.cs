using System.Globalization;

namespace Research.Forecasting.Charts;

/// <summary>An opaque RGB colour read from CSS text: <c>#rgb</c>, <c>#rrggbb</c>, <c>rgb(r, g, b)</c>, <c>rgba(r, g, b, a)</c> or a common colour name.</summary>
internal readonly record struct CssColor(byte R, byte G, byte B)
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black"] = "#000000", ["white"] = "#ffffff", ["gray"] = "#808080", ["grey"] = "#808080",
        ["lightgray"] = "#d3d3d3", ["lightgrey"] = "#d3d3d3", ["darkgray"] = "#a9a9a9", ["darkgrey"] = "#a9a9a9",
        ["silver"] = "#c0c0c0", ["red"] = "#ff0000", ["darkred"] = "#8b0000", ["green"] = "#008000",
        ["darkgreen"] = "#006400", ["lime"] = "#00ff00", ["blue"] = "#0000ff", ["navy"] = "#000080",
        ["darkblue"] = "#00008b", ["steelblue"] = "#4682b4", ["skyblue"] = "#87ceeb", ["lightblue"] = "#add8e6",
        ["orange"] = "#ffa500", ["darkorange"] = "#ff8c00", ["yellow"] = "#ffff00", ["gold"] = "#ffd700",
        ["purple"] = "#800080", ["magenta"] = "#ff00ff", ["cyan"] = "#00ffff", ["teal"] = "#008080",
        ["brown"] = "#a52a2a", ["pink"] = "#ffc0cb", ["olive"] = "#808000", ["maroon"] = "#800000",
        ["crimson"] = "#dc143c", ["tomato"] = "#ff6347", ["salmon"] = "#fa8072", ["firebrick"] = "#b22222",
    };

    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <summary>Plotly/CSS <c>rgba(r,g,b,a)</c> text.</summary>
    public string Rgba(double alpha) =>
        string.Create(CultureInfo.InvariantCulture, $"rgba({R},{G},{B},{Math.Round(Math.Clamp(alpha, 0, 1), 3).ToString("R", CultureInfo.InvariantCulture)})");

    public static CssColor Parse(string text) =>
        TryParse(text, out var c) ? c : throw new ArgumentException($"'{text}' is not a colour this library can read (use #rrggbb, rgb(r,g,b) or a common name)", nameof(text));

    public static bool TryParse(string? text, out CssColor color)
    {
        color = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (Names.TryGetValue(s, out var hex)) s = hex;
        if (s[0] == '#')
        {
            var h = s[1..];
            if (h.Length == 3) h = string.Concat(h.Select(c => new string(c, 2)));
            if (h.Length != 6 || !int.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) return false;
            color = new CssColor((byte)(v >> 16), (byte)(v >> 8 & 0xff), (byte)(v & 0xff));
            return true;
        }
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !s.EndsWith(')') || !(s.StartsWith("rgb(", StringComparison.OrdinalIgnoreCase) || s.StartsWith("rgba(", StringComparison.OrdinalIgnoreCase))) return false;
        var parts = s[(open + 1)..^1].Split(',');
        if (parts.Length is < 3 or > 4) return false;
        var rgb = new byte[3];
        for (var i = 0; i < 3; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return false;
            rgb[i] = (byte)Math.Clamp(Math.Round(v), 0, 255);
        }
        color = new CssColor(rgb[0], rgb[1], rgb[2]);
        return true;
    }

    /// <summary>The colour a fraction <paramref name="t"/> of the way from this one to <paramref name="other"/> (RGB interpolation).</summary>
    public CssColor Lerp(CssColor other, double t) => new(Mix(R, other.R, t), Mix(G, other.G, t), Mix(B, other.B, t));

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Clamp(Math.Round(a + (b - a) * t), 0, 255);
}
