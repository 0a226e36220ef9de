using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Diagnostic = Microsoft.DotNet.Interactive.Diagnostic;

namespace Research.Notebooks.Kernel;

/// <summary>
/// Errors as a notebook reader needs them: located in the cell. Compile errors name the cell, line and column of each
/// error diagnostic; runtime exceptions keep their type and message, and every stack frame in notebook code names the
/// cell and line it ran (Roslyn compiles each cell as a <c>Submission#N</c> class; <see cref="SubmissionCells"/> maps
/// N to the cell).
/// </summary>
internal static class CellErrors
{
    public const string CompilationError = "CompilationError";
    public const string KernelError = "KernelError";

    /// <summary>The error output of a failed compilation.</summary>
    public static (string Name, string Value, IReadOnlyList<string> Traceback) Compilation(int cellNumber, IEnumerable<Diagnostic> diagnostics, string fallback)
    {
        var lines = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => string.Create(CultureInfo.InvariantCulture,
                $"cell {cellNumber}, line {d.LinePositionSpan.Start.Line + 1}, column {d.LinePositionSpan.Start.Character + 1}: {d.Code}: {d.Message}"))
            .ToArray();
        return lines.Length == 0 ? (CompilationError, $"cell {cellNumber}: {fallback}", [$"cell {cellNumber}: {fallback}"]) : (CompilationError, lines[0], lines);
    }

    /// <summary>The error output of an exception thrown by a cell.</summary>
    public static (string Name, string Value, IReadOnlyList<string> Traceback) Exception(Exception e, int cellNumber, SubmissionCells cells)
    {
        var traceback = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            if (method?.DeclaringType is not { } type) continue;
            var outer = type;
            while (outer.DeclaringType is { } parent) outer = parent;
            if (cells.Locate(outer.Name, frame.GetFileLineNumber()) is var (cell, line))
            {
                var where = line > 0 ? string.Create(CultureInfo.InvariantCulture, $"cell {cell}, line {line}") : string.Create(CultureInfo.InvariantCulture, $"cell {cell}");
                var name = type != outer && type.Name.StartsWith("<<Initialize>>", StringComparison.Ordinal) ? "cell code" : method.Name;
                traceback.Add($"   at {name} in {where}");
            }
            else if (type.Namespace?.StartsWith("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal) == true)
            {
                break; // the scripting engine's frames below the cell say nothing to a reader
            }
            else if (type.Namespace is not ("System.Runtime.ExceptionServices" or "System.Runtime.CompilerServices"))
            {
                traceback.Add($"   at {type.FullName}.{method.Name}");
            }
        }
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        if (!traceback.Any(t => t.Contains(" in cell ", StringComparison.Ordinal)))
            traceback.Add(string.Create(CultureInfo.InvariantCulture, $"   in cell {cellNumber}")); // thrown by the kernel, not by cell code
        return (e.GetType().Name, e.Message, traceback);
    }

    /// <summary>A failure the kernel reports without an exception (a directive it could not carry out, for example).</summary>
    public static (string Name, string Value, IReadOnlyList<string> Traceback) Kernel(int cellNumber, string message) =>
        (KernelError, $"cell {cellNumber}: {message}", [$"cell {cellNumber}: {message}"]);
}

/// <summary>
/// Which notebook cell, and which line of it, each Roslyn submission (<c>Submission#N</c>) came from. The kernel compiles
/// a cell without its directive lines (<c>#!time</c>, <c>#r</c>, ...), so a line of the compiled code is found again in
/// the cell by matching lines in order.
/// </summary>
internal sealed class SubmissionCells
{
    private readonly Dictionary<int, (int Cell, int[] Lines)> _submissions = [];

    /// <summary>Records that submission <paramref name="submission"/> compiled <paramref name="code"/> taken from cell <paramref name="cellNumber"/>.</summary>
    public void Record(int submission, int cellNumber, string code, string cellSource)
    {
        var cellLines = cellSource.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var codeLines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var map = new int[codeLines.Length];
        var next = 0;
        for (var i = 0; i < codeLines.Length; i++)
        {
            var found = Array.FindIndex(cellLines, next, l => l.TrimEnd() == codeLines[i].TrimEnd());
            map[i] = found >= 0 ? found + 1 : 0;
            if (found >= 0) next = found + 1;
        }
        _submissions[submission] = (cellNumber, map);
    }

    /// <summary>The cell of a submission class name such as <c>Submission#7</c>, and the cell line of a line of its code (0 when unknown).</summary>
    public (int Cell, int Line)? Locate(string submissionClass, int codeLine)
    {
        const string prefix = "Submission#";
        if (!submissionClass.StartsWith(prefix, StringComparison.Ordinal)
            || !int.TryParse(submissionClass.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || !_submissions.TryGetValue(n, out var s)) return null;
        return (s.Cell, codeLine >= 1 && codeLine <= s.Lines.Length ? s.Lines[codeLine - 1] : 0);
    }
}
