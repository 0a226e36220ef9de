namespace Research.Forecasting.Charts;

/// <summary>
/// Approximate text widths for layout (no font is loaded): per-character widths of a typical sans-serif face
/// (DejaVu Sans / Arial), slightly generous so labels do not collide.
/// </summary>
internal static class TextMetrics
{
    public static double Width(string text, double size)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += c switch
            {
                >= '0' and <= '9' => 0.64,
                '.' or ',' or ':' or ';' or 'i' or 'j' or 'l' or '!' or '|' or '\'' or 'I' => 0.3,
                ' ' => 0.32,
                'f' or 't' or 'r' => 0.42,
                '-' or '(' or ')' or '[' or ']' => 0.4,
                'm' or 'w' => 0.9,
                'M' or 'W' => 0.95,
                >= 'A' and <= 'Z' => 0.7,
                >= 'a' and <= 'z' => 0.6,
                _ => 0.65,
            };
        }
        return em * size;
    }

    public static double MaxWidth(IEnumerable<string> texts, double size) => texts.Select(t => Width(t, size)).DefaultIfEmpty(0).Max();
}
