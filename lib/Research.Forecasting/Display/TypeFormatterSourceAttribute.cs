namespace Research.Forecasting.Display;

/// <summary>
/// Declares how a library type displays in .NET Interactive notebooks (VS Code, Jupyter's <c>.net-csharp</c> kernel and
/// the repository's own runner, which hosts the same kernel). The kernel's Formatting library looks for an attribute
/// <em>named</em> <c>TypeFormatterSourceAttribute</c> on the displayed value's type, creates its
/// <see cref="FormatterSourceType"/> and registers the formatters it returns, for the
/// <see cref="PreferredMimeTypes"/> in that order; it matches by name and shape (the "convention-based formatter
/// source"), so the core library needs no reference to the kernel. Found once the DLL is referenced with <c>#r</c>:
/// no set-up cell.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A type with a public parameterless constructor and a public <c>CreateTypeFormatters()</c> method.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types a display of the type carries, richest first.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
