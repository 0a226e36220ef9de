using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Research.Notebooks.Kernel;

/// <summary>
/// Composes the kernel a notebook runs on the way the dotnet-interactive app (the <c>.net-csharp</c> Jupyter kernel and
/// VS Code's Polyglot Notebooks) composes its C# kernel: a <see cref="CompositeKernel"/> holding a
/// <see cref="CSharpKernel"/> with <c>#r "nuget:"</c> (PackageManagement), the kernel helpers (<c>display</c>,
/// <c>HTML</c>, ...), <c>#!who</c> and value sharing; <c>#!time</c>; kernel extensions shipped in NuGet packages; and the
/// browser front ends' formatting defaults (HTML for objects, plain text for strings). Two differences, both for the
/// runner: compiled cells carry debug information, so an exception names the cell line it came from; and the other
/// languages (F#, PowerShell, HTTP, ...) are not composed, as the notebooks here are C# only.
/// </summary>
public static class KernelComposition
{
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        ScriptDebugInformation.Enable(csharp);

        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = csharp.Name;
        composite.UseTimeDirective();
        composite.UsePackageExtensions();

        // what the app sets up for browser front ends (VS Code, Jupyter): objects as HTML, strings as text
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);
        return composite;
    }
}
