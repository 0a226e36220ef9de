using System.Globalization;
using System.Text;

namespace Research.Forecasting.Charts;

/// <summary>
/// Appends SVG elements with deterministic text: coordinates rounded to 2 decimals with '.' and no trailing zeros,
/// text XML-escaped.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _sb = new();

    public SvgWriter Raw(string text)
    {
        _sb.Append(text);
        return this;
    }

    public SvgWriter Rect(double x, double y, double width, double height, string fill, string? extra = null)
    {
        if (width < 0) (x, width) = (x + width, -width);
        if (height < 0) (y, height) = (y + height, -height);
        _sb.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(width))
            .Append("\" height=\"").Append(N(height)).Append("\" fill=\"").Append(Escape(fill)).Append('"');
        if (extra is not null) _sb.Append(' ').Append(extra);
        _sb.Append("/>\n");
        return this;
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? extra = null)
    {
        _sb.Append("<line x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1)).Append("\" x2=\"").Append(N(x2)).Append("\" y2=\"").Append(N(y2))
            .Append("\" stroke=\"").Append(Escape(stroke)).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (extra is not null) _sb.Append(' ').Append(extra);
        _sb.Append("/>\n");
        return this;
    }

    public SvgWriter Path(string d, string fill, string? stroke = null, double width = 1, string? extra = null)
    {
        _sb.Append("<path d=\"").Append(d).Append("\" fill=\"").Append(Escape(fill)).Append('"');
        if (stroke is not null) _sb.Append(" stroke=\"").Append(Escape(stroke)).Append("\" stroke-width=\"").Append(N(width)).Append('"');
        if (extra is not null) _sb.Append(' ').Append(extra);
        _sb.Append("/>\n");
        return this;
    }

    public SvgWriter Circle(double cx, double cy, double r, string fill, string? extra = null)
    {
        _sb.Append("<circle cx=\"").Append(N(cx)).Append("\" cy=\"").Append(N(cy)).Append("\" r=\"").Append(N(r)).Append("\" fill=\"").Append(Escape(fill)).Append('"');
        if (extra is not null) _sb.Append(' ').Append(extra);
        _sb.Append("/>\n");
        return this;
    }

    /// <summary>Text with its baseline at <paramref name="y"/>; <paramref name="rotate"/> degrees about (x, y).</summary>
    public SvgWriter Text(double x, double y, string text, double size, string fill, string anchor = "start", double rotate = 0, string? extra = null)
    {
        _sb.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" font-size=\"").Append(N(size)).Append("\" fill=\"").Append(Escape(fill)).Append('"');
        if (anchor != "start") _sb.Append(" text-anchor=\"").Append(anchor).Append('"');
        if (rotate != 0) _sb.Append(" transform=\"rotate(").Append(N(rotate)).Append(' ').Append(N(x)).Append(' ').Append(N(y)).Append(")\"");
        if (extra is not null) _sb.Append(' ').Append(extra);
        _sb.Append('>').Append(Escape(text)).Append("</text>\n");
        return this;
    }

    public override string ToString() => _sb.ToString();

    /// <summary>A coordinate: rounded to 2 decimals, invariant, no trailing zeros, no "-0"; huge values clamped.</summary>
    public static string N(double v)
    {
        if (double.IsNaN(v)) v = 0;
        v = Math.Round(Math.Clamp(v, -1e6, 1e6), 2);
        return v == 0 ? "0" : v.ToString("0.##", CultureInfo.InvariantCulture);
    }

    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                default:
                    if (c < ' ' && c != '\t' && c != '\n' && c != '\r') sb.Append(' ');
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
