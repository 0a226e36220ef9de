namespace Research.Forecasting.Display;

/// <summary>
/// One formatter of the convention the kernel's Formatting library understands: a <see cref="MimeType"/> and a
/// <see cref="Format"/> method writing the value's representation in it.
/// </summary>
/// <param name="mimeType">The MIME type produced.</param>
/// <param name="render">The representation of a value.</param>
public sealed class TextFormatter(string mimeType, Func<object, string> render)
{
    public string MimeType { get; } = mimeType;

    /// <summary>Writes the representation of <paramref name="value"/>; false when the value is not of the formatted kind.</summary>
    public bool Format(object value, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null) return false;
        writer.Write(render(value));
        return true;
    }
}
