using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Research.Forecasting.Data;
using Microsoft.DotNet.Interactive.CSharp;
using Research.Notebooks.Kernel;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Kernel;

/// <summary>
/// Every notebook's code cells compile, in order, as chained C# script submissions against the library, with the C#
/// kernel's imports and helpers: a fast check that needs no data, no Release build and no kernel process.
/// </summary>
public sealed class NotebookCompileTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Repo.Path("notebooks"), "*.ipynb").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void There_are_notebooks() => Assert.NotEmpty(Notebooks());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Code_cells_compile_against_the_library(string notebook)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Path("notebooks", notebook)));
        // the C# kernel's own imports and references, the library, and what UseKernelHelpers adds (display, HTML, ...)
        using var kernel = new CSharpKernel();
        var options = ScriptDebugInformation.Options(kernel).AddReferences(typeof(SeriesPanel).Assembly,
            typeof(Research.Forecasting.ML.MachineLearningModels).Assembly, typeof(Research.Forecasting.Neural.NeuralModels).Assembly);
        Script? script = CSharpScript.Create("using static Microsoft.DotNet.Interactive.Kernel;", options);
        var index = 0;
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            var source = string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
            var lines = source.Split('\n').Select(line =>
            {
                var t = line.TrimStart();
                // directives are the kernel's, not C#: #r of the libraries (resolved above), #!time
                return t.StartsWith("#r ", StringComparison.Ordinal) || t.StartsWith("#!", StringComparison.Ordinal) ? "" : line;
            });
            var code = string.Join('\n', lines);
            script = script.ContinueWith(code, options);
            var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(errors.Length == 0, $"{notebook}, cell {index}:\n{string.Join('\n', errors.Select(e => e.ToString()))}");
        }
        Assert.NotNull(script);
    }

    [Fact]
    public void Notebooks_hold_no_library_code()
    {
        // notebooks call the library; they do not define types or methods of their own
        foreach (var notebook in Directory.EnumerateFiles(Repo.Path("notebooks"), "*.ipynb").Select(Path.GetFileName).OfType<string>())
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Path("notebooks", notebook)));
            foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code"))
            {
                var source = string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
                var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(kind: SourceCodeKind.Script));
                var declarations = tree.GetRoot().DescendantNodes().Where(n =>
                    n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax
                      or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax);
                Assert.True(!declarations.Any(), $"{notebook} defines code: {string.Join(", ", declarations.Select(d => d.ToString().Split('\n')[0]))}");
            }
        }
    }

    /// <summary>Longest code line a notebook may have: a reader sees a whole line on a laptop screen.</summary>
    private const int MaxCodeLine = 120;

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_chart_is_followed_by_a_reading_and_code_lines_stay_short(string notebook)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Path("notebooks", notebook)));
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray()
            .Select(c => (Type: c.GetProperty("cell_type").GetString(), Source: string.Concat(c.GetProperty("source").EnumerateArray().Select(l => l.GetString()))))
            .ToArray();
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Type != "code") continue;
            var longLines = cells[i].Source.Split('\n').Select((l, n) => (Line: n + 1, l.Length)).Where(x => x.Length > MaxCodeLine).ToArray();
            Assert.True(longLines.Length == 0, $"{notebook}, cell {i + 1}: lines longer than {MaxCodeLine}: {string.Join(", ", longLines.Select(x => $"line {x.Line} ({x.Length})"))}");
            if (cells[i].Source.Contains("display(", StringComparison.Ordinal))
                Assert.True(i + 1 < cells.Length && cells[i + 1].Type == "markdown", $"{notebook}, cell {i + 1} shows a chart that no markdown cell after it reads");
        }
    }
}
