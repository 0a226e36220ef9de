using System.Reflection;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.CSharp;

namespace Research.Notebooks.Kernel;

/// <summary>
/// Makes the C# kernel compile cells with debug information, so a runtime exception's stack frames carry the cell's
/// line numbers. The kernel keeps its Roslyn <see cref="ScriptOptions"/> private and sets no debug information; the
/// package is the final, archived release (1.0.0-beta.26120.1), so the field read here cannot change under us, and a
/// test fails if it is ever absent.
/// </summary>
internal static class ScriptDebugInformation
{
    private static readonly FieldInfo? OptionsField = typeof(CSharpKernel).GetField("_scriptOptions", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Whether the kernel's options can be reached.</summary>
    public static bool Supported => OptionsField?.FieldType == typeof(ScriptOptions);

    public static void Enable(CSharpKernel kernel) => OptionsField!.SetValue(kernel, Options(kernel).WithEmitDebugInformation(true));

    /// <summary>The kernel's script options: its default imports and references.</summary>
    public static ScriptOptions Options(CSharpKernel kernel) =>
        Supported
            ? (ScriptOptions)OptionsField!.GetValue(kernel)!
            : throw new InvalidOperationException("this build of Microsoft.DotNet.Interactive.CSharp keeps its script options elsewhere; update ScriptDebugInformation");
}
