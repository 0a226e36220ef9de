using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Research.Forecasting.Data;
using Research.Notebooks.Execution;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Execution;

/// <summary>
/// Every notebook's code cells compile, in order, as chained C# script submissions against the library, with the
/// executor's usings and display surface: a fast check that needs no data and no Release build.
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
        var options = ScriptOptions.Default
            .WithReferences(typeof(SeriesPanel).Assembly, typeof(ScriptSession).Assembly, typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(Console).Assembly)
            .WithImports(ScriptSession.DefaultImports);
        Script? script = null;
        var index = 0;
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            index++;
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            var source = string.Concat(cell.GetProperty("source").EnumerateArray().Select(l => l.GetString()));
            var lines = source.Split('\n').Select(line =>
            {
                var t = line.TrimStart();
                if (t.StartsWith("#r ", StringComparison.Ordinal))
                {
                    Assert.EndsWith("Research.Forecasting.dll\"", t.TrimEnd(), StringComparison.Ordinal);
                    return "";
                }
                Assert.False(t.StartsWith("#!", StringComparison.Ordinal) || t.StartsWith("#i ", StringComparison.Ordinal), $"cell {index}: unsupported directive {t}");
                return line;
            });
            var code = string.Join('\n', lines);
            script = script is null ? CSharpScript.Create(code, options) : script.ContinueWith(code, options);
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
}
