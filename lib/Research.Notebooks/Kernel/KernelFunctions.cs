using Research.Notebooks.Execution;

namespace Research.Notebooks.Kernel;

/// <summary>
/// The display surface notebooks use, with the names and shapes of .NET Interactive's C# kernel, so the same
/// notebook runs unchanged in VS Code and headlessly: <c>display(x)</c>, <c>HTML("...")</c>, <c>x.Display()</c>,
/// <c>"...".DisplayAs("text/markdown")</c>. Imported into every notebook by the executor.
/// </summary>
public static class KernelFunctions
{
    /// <summary>Displays a value as a <c>display_data</c> output (optionally only in the given mime types).</summary>
#pragma warning disable IDE1006 // lower-case names, as .NET Interactive spells them
    public static DisplayedValue display(object? value, params string[] mimeTypes) => KernelContext.Display(value, mimeTypes);

    /// <summary>HTML content that displays as <c>text/html</c>.</summary>
    public static HtmlString HTML(string html) => new(html);
#pragma warning restore IDE1006
}

/// <summary>Extension methods of the display surface (<c>x.Display()</c>, <c>s.DisplayAs(mime)</c>).</summary>
public static class DisplayExtensions
{
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => KernelContext.Display(value, mimeTypes);

    /// <summary>Displays a string as content of the given mime type (e.g. <c>text/markdown</c>, <c>image/svg+xml</c>).</summary>
    public static DisplayedValue DisplayAs(this string value, string mimeType) =>
        KernelContext.DisplayBundle(new Dictionary<string, object> { [mimeType] = value });
}

/// <summary>HTML content (the value of <c>HTML(...)</c>).</summary>
public sealed record HtmlString(string Html)
{
    public override string ToString() => Html;
}

/// <summary>A value that was displayed; <see cref="Update"/> displays a new value (static outputs cannot change in place).</summary>
public sealed class DisplayedValue
{
    public void Update(object? value) => KernelContext.Display(value, []);
}

/// <summary>Where displays of the running cell go.</summary>
internal static class KernelContext
{
    private static volatile CellOutputs? _current;

    public static CellOutputs? Current
    {
        get => _current;
        set => _current = value;
    }

    public static DisplayedValue Display(object? value, string[] mimeTypes) => DisplayBundle(MimeFormatter.Format(value, mimeTypes));

    public static DisplayedValue DisplayBundle(IReadOnlyDictionary<string, object> bundle)
    {
        (_current ?? throw new InvalidOperationException("display() was called outside a running cell")).Display(bundle);
        return new DisplayedValue();
    }
}
