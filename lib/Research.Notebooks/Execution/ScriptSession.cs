using System.Diagnostics;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Research.Notebooks.Kernel;

namespace Research.Notebooks.Execution;

/// <summary>
/// Runs C# cells one after another with shared state (Roslyn scripting's <c>ContinueWithAsync</c>, as the
/// .NET Interactive C# kernel does), with that kernel's default usings plus the display surface.
/// </summary>
public sealed class ScriptSession
{
    /// <summary>The .NET Interactive C# kernel's default usings, and the display functions.</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
        typeof(DisplayExtensions).Namespace!, typeof(KernelFunctions).FullName!,
    ];

    private static readonly MethodInfo? HasReturnValueMethod =
        typeof(Script).GetMethod("HasReturnValue", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly CellStreamWriter _stdout = new("stdout");
    private readonly CellStreamWriter _stderr = new("stderr");
    private ScriptOptions _options;
    private ScriptState<object>? _state;

    public ScriptSession(string baseDirectory)
    {
        BaseDirectory = baseDirectory;
        _options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithImports(DefaultImports)
            .WithReferences(FrameworkReferences())
            .AddReferences(typeof(KernelFunctions).Assembly)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver([], baseDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8);
    }

    public string BaseDirectory { get; }

    /// <summary>
    /// Runs one cell: <paramref name="cell"/> is the prepared code, <paramref name="cellNumber"/> its 1-based position
    /// (used in error messages), outputs go to <paramref name="outputs"/>. Returns false when the cell failed.
    /// </summary>
    public async Task<bool> RunAsync(PreparedCell cell, int cellNumber, int executionCount, CellOutputs outputs)
    {
        var watch = Stopwatch.StartNew();
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        _stdout.Target = outputs;
        _stderr.Target = outputs;
        Console.SetOut(_stdout);
        Console.SetError(_stderr);
        KernelContext.Current = outputs;
        try
        {
            if (cell.Error is not null)
            {
                outputs.Error("UnsupportedDirective", $"cell {cellNumber}, {cell.Error}", [$"cell {cellNumber}, {cell.Error}"]);
                return false;
            }
            if (cell.References.Count > 0)
                _options = _options.AddReferences(cell.References.Select(p => MetadataReference.CreateFromFile(p)));
            foreach (var load in cell.Loads)
            {
                if (!await Submit(await File.ReadAllTextAsync(load), load, cellNumber, outputs)) return false;
            }
            if (!await Submit(cell.Code, $"cell {cellNumber}", cellNumber, outputs)) return false;
            if (HasReturnValue(cell.Code))
                outputs.Result(MimeFormatter.Format(_state!.ReturnValue), executionCount);
            return true;
        }
        finally
        {
            Console.Out.Flush();
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            _stdout.Target = null;
            _stderr.Target = null;
            KernelContext.Current = null;
            if (cell.Time)
                outputs.Write("stdout", $"Wall time: {watch.Elapsed.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)}ms\n");
        }
    }

    private async Task<bool> Submit(string code, string filePath, int cellNumber, CellOutputs outputs)
    {
        var options = _options.WithFilePath(filePath);
        try
        {
            Exception? thrown = null;
            var state = _state is null
                ? await CSharpScript.Create(code, options).RunAsync(catchException: e => { thrown = e; return true; })
                : await _state.ContinueWithAsync(code, options, catchException: e => { thrown = e; return true; });
            _state = state;
            if (thrown is not null || state.Exception is not null)
            {
                var e = thrown ?? state.Exception!;
                outputs.Error(e.GetType().Name, e.Message, Traceback(e, filePath));
                return false;
            }
            return true;
        }
        catch (CompilationErrorException e)
        {
            var lines = e.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d =>
                {
                    var span = d.Location.GetLineSpan();
                    return $"{filePath}, line {span.StartLinePosition.Line + 1}, column {span.StartLinePosition.Character + 1}: {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
                })
                .ToArray();
            outputs.Error("CompilationError", string.Join("\n", lines), lines);
            return false;
        }
    }

    /// <summary>The exception and the stack frames up to where the script engine called the cell, with cell-relative lines.</summary>
    private static IEnumerable<string> Traceback(Exception e, string filePath)
    {
        yield return $"{e.GetType().FullName}: {e.Message}";
        foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType?.FullName ?? "";
            if (type.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)) break;
            if (type.StartsWith("System.Runtime.CompilerServices.", StringComparison.Ordinal)
                || type.StartsWith("System.Runtime.ExceptionServices.", StringComparison.Ordinal)) continue; // async plumbing
            var file = frame.GetFileName();
            var where = file is not null && frame.GetFileLineNumber() > 0 ? $" in {Path.GetFileName(file)}, line {frame.GetFileLineNumber()}" : "";
            var name = type.StartsWith("Submission#", StringComparison.Ordinal) ? filePath : $"{type}.{method?.Name}";
            yield return $"   at {name}{where}";
        }
        if (e.InnerException is { } inner) yield return $" ---> {inner.GetType().FullName}: {inner.Message}";
    }

    private bool HasReturnValue(string code)
    {
        if (_state?.Script is { } script && HasReturnValueMethod?.Invoke(script, null) is bool b) return b;
        // fallback: the last statement is an expression without a semicolon
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetRoot();
        return root.ChildNodes().LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };
    }

    /// <summary>The assemblies of the shared framework, so library signatures using any of them compile.</summary>
    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var tpa = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator);
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return tpa
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal))
            .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "mscorlib.dll" or "netstandard.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll"))
            .Order(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p));
    }
}
