using System.Text.Json.Nodes;
using Research.Notebooks.Execution;
using Research.Notebooks.Model;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Execution;

/// <summary>In-process execution redirects Console, so these tests never run in parallel with each other.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

[Collection(nameof(ConsoleCollection))]
public sealed class ExecutionTests : IDisposable
{
    private readonly TestNotebook _files = new();

    public void Dispose() => _files.Dispose();

    private async Task<(Notebook Notebook, ExecutionOutcome Outcome)> Run(params string[] cells)
    {
        var notebook = Notebook.Load(_files.Write("t.ipynb", cells));
        var outcome = await NotebookExecution.RunAsync(notebook, _files.Directory);
        return (notebook, outcome);
    }

    private static JsonArray Outputs(Notebook nb, int cell) => (JsonArray)nb.Cells[cell].Node["outputs"]!;

    private static string Text(JsonNode? lines) => string.Concat(((JsonArray)lines!).Select(l => l!.GetValue<string>()));

    [Fact]
    public async Task State_is_shared_and_a_final_expression_is_the_execute_result()
    {
        var (nb, outcome) = await Run("var x = 20;", "x + 1", "var y = x * 2;");
        Assert.Equal(new ExecutionOutcome(3, 3, 0, null), outcome);
        var result = Assert.Single(Outputs(nb, 1));
        Assert.Equal("execute_result", result!["output_type"]!.GetValue<string>());
        Assert.Equal("21", Text(result["data"]!["text/plain"]));
        Assert.Equal(2, result["execution_count"]!.GetValue<int>());
        Assert.Empty(Outputs(nb, 2)); // a statement with ';' has no result
        Assert.Equal([1, 2, 3], nb.Cells.Select(c => c.Node["execution_count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Stdout_and_stderr_are_separate_streams_in_order_with_displays_between()
    {
        var (nb, _) = await Run("Console.WriteLine(\"one\"); Console.Error.WriteLine(\"err\"); display(\"shown\"); Console.Write(\"two\"); Console.WriteLine(\"!\");");
        var outputs = Outputs(nb, 0);
        Assert.Equal(["stream", "stream", "display_data", "stream"], outputs.Select(o => o!["output_type"]!.GetValue<string>()));
        Assert.Equal(("stdout", "one\n"), (outputs[0]!["name"]!.GetValue<string>(), Text(outputs[0]!["text"])));
        Assert.Equal(("stderr", "err\n"), (outputs[1]!["name"]!.GetValue<string>(), Text(outputs[1]!["text"])));
        Assert.Equal("shown", Text(outputs[2]!["data"]!["text/plain"]));
        Assert.Equal("two!\n", Text(outputs[3]!["text"]));
    }

    [Fact]
    public async Task Display_surface_matches_dotnet_interactive()
    {
        var (nb, outcome) = await Run(
            "display(HTML(\"<b>hi</b>\"));",
            "new { A = 1, B = \"x\" }.Display();",
            "\"# Title\".DisplayAs(\"text/markdown\");",
            "new[] { (Name: \"a\", Value: 1.5), (Name: \"b\", Value: 2.0) }");
        Assert.Equal(0, outcome.Failures);
        Assert.Equal("<b>hi</b>", Text(Outputs(nb, 0)[0]!["data"]!["text/html"]));
        Assert.Contains("<th>A</th><th>B</th>", Text(Outputs(nb, 1)[0]!["data"]!["text/html"]), StringComparison.Ordinal);
        Assert.Equal("# Title", Text(Outputs(nb, 2)[0]!["data"]!["text/markdown"]));
        var table = Outputs(nb, 3)[0]!["data"]!;
        Assert.Contains("<td>a</td><td>1.5</td>", Text(table["text/html"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_with_MimeBundle_supply_their_own_mime_types()
    {
        var (nb, _) = await Run(
            "record Fig { public IReadOnlyDictionary<string, object> MimeBundle() => new Dictionary<string, object> { [\"image/svg+xml\"] = \"<svg/>\", [\"application/vnd.plotly.v1+json\"] = \"{\\\"data\\\": []}\" }; }",
            "display(new Fig());");
        var data = Outputs(nb, 1)[0]!["data"]!;
        Assert.Equal("<svg/>", Text(data["image/svg+xml"]));
        Assert.IsType<JsonArray>(data["application/vnd.plotly.v1+json"]!["data"]);
    }

    [Fact]
    public async Task A_compile_error_names_the_cell_and_line_and_stops_the_notebook()
    {
        var (nb, outcome) = await Run("var a = 1;", "var b = 2;\nvar c = a +;\n", "Console.WriteLine(\"never\");");
        Assert.Equal(new ExecutionOutcome(3, 2, 1, 1), outcome);
        var error = Assert.Single(Outputs(nb, 1));
        Assert.Equal("error", error!["output_type"]!.GetValue<string>());
        Assert.Equal("CompilationError", error["ename"]!.GetValue<string>());
        Assert.StartsWith("cell 2, line 2, column 12: CS1525", error["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(nb.Cells[2].Node["execution_count"]);
        Assert.Empty(Outputs(nb, 2));
    }

    [Fact]
    public async Task A_throwing_cell_records_the_exception_with_the_cell_line()
    {
        var (nb, outcome) = await Run("var x = 1;\n\nthrow new InvalidOperationException(\"boom\");");
        Assert.Equal(1, outcome.Failures);
        var error = Outputs(nb, 0)[0]!;
        Assert.Equal(("InvalidOperationException", "boom"), (error["ename"]!.GetValue<string>(), error["evalue"]!.GetValue<string>()));
        var traceback = error["traceback"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();
        Assert.Equal("System.InvalidOperationException: boom", traceback[0]);
        Assert.Contains(traceback, t => t.Contains("in cell 1, line 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Directive_lines_become_blank_so_line_numbers_stay_right()
    {
        var (nb, _) = await Run("#!csharp\n#!time\nvar x = 1;\nthrow new Exception(\"line 4\");");
        var error = Outputs(nb, 0).First(o => o!["output_type"]!.GetValue<string>() == "error")!;
        Assert.Contains(error["traceback"]!.AsArray(), t => t!.GetValue<string>().Contains("in cell 1, line 4", StringComparison.Ordinal));
        Assert.StartsWith("Wall time: ", Text(Outputs(nb, 0).Last()!["text"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#r \"nuget: Plotly.NET, 4.0\"", "needs NuGet restore")]
    [InlineData("#i \"nuget: https://example.org/v3/index.json\"", "#i (package sources) is not supported")]
    [InlineData("#!share --from fsharp x", "the magic command #!share is not supported")]
    [InlineData("#!fsharp\nlet x = 1", "the headless runner executes C# only")]
    [InlineData("#r \"missing/library.dll\"", "no file at")]
    public async Task Unsupported_directives_fail_the_cell_with_what_to_do_instead(string source, string message)
    {
        var (nb, outcome) = await Run(source);
        Assert.Equal(1, outcome.Failures);
        var error = Outputs(nb, 0)[0]!;
        Assert.Equal("UnsupportedDirective", error["ename"]!.GetValue<string>());
        Assert.Contains(message, error["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("cell 1, line 1", error["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_and_load_resolve_relative_to_the_notebook_folder()
    {
        var lib = typeof(Research.Forecasting.Reporting.Results).Assembly.Location;
        File.Copy(lib, Path.Combine(_files.Directory, "Research.Forecasting.dll"));
        await File.WriteAllTextAsync(Path.Combine(_files.Directory, "helper.csx"), "var fromLoad = 41;");
        var (nb, outcome) = await Run("#r \"Research.Forecasting.dll\"\n#load \"helper.csx\"\nusing Research.Forecasting.Reporting;\nResults.Format(fromLoad + 1.5)");
        Assert.Equal(0, outcome.Failures);
        Assert.Equal("42.5", Text(Outputs(nb, 0)[0]!["data"]!["text/plain"]));
    }

    [Fact]
    public async Task R_of_another_build_of_an_assembly_the_runner_carries_fails_instead_of_binding_to_the_runners_copy()
    {
        // the host carries Research.Forecasting.dll; a different build under that name would be shadowed by it
        File.Copy(typeof(Assert).Assembly.Location, Path.Combine(_files.Directory, "Research.Forecasting.dll"));
        var (nb, outcome) = await Run("#r \"Research.Forecasting.dll\"\n1 + 1");
        Assert.Equal(1, outcome.Failures);
        var error = Outputs(nb, 0)[0]!["evalue"]!.GetValue<string>();
        Assert.Contains("the runner carries another build of Research.Forecasting.dll", error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project lib/Research.Cli -c Release", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cells_of_another_language_fail_clearly()
    {
        var path = _files.Write("f.ipynb", "1");
        var notebook = Notebook.Load(path);
        notebook.Cells[0].Metadata["polyglot_notebook"]!["kernelName"] = "fsharp";
        var outcome = await NotebookExecution.RunAsync(notebook, _files.Directory);
        Assert.Equal(1, outcome.Failures);
        Assert.Equal("UnsupportedLanguage", Outputs(notebook, 0)[0]!["ename"]!.GetValue<string>());
    }
}
