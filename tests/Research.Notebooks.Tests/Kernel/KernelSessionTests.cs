using System.Text.Json.Nodes;
using Research.Notebooks.Kernel;
using Research.Notebooks.Model;
using Research.Notebooks.Protocol;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Kernel;

/// <summary>The C# kernel redirects Console while a cell runs, so kernel sessions in this process never run in parallel.</summary>
[CollectionDefinition(nameof(KernelCollection), DisableParallelization = true)]
public sealed class KernelCollection;

/// <summary>Notebooks on the real .NET Interactive kernel, hosted in this process as the kernel host hosts it.</summary>
[Collection(nameof(KernelCollection))]
public sealed class KernelSessionTests : IDisposable
{
    private readonly TestNotebook _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly string Library = typeof(Research.Forecasting.Reporting.Results).Assembly.Location.Replace("\\", "/", StringComparison.Ordinal);

    private async Task<(Notebook Notebook, SessionOutcome Outcome, List<KernelHostEvent> Events)> Run(params string[] cells)
    {
        var notebook = Notebook.Load(_files.Write("t.ipynb", cells));
        var events = new List<KernelHostEvent>();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(_files.Directory);
        try
        {
            await using var session = await NotebookSession.StartAsync();
            var outcome = await session.RunAsync(notebook, events.Add);
            return (notebook, outcome, events);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    private static JsonArray Outputs(Notebook nb, int cell) => (JsonArray)nb.Cells[cell].Node["outputs"]!;

    private static string Text(JsonNode? lines) => string.Concat(((JsonArray)lines!).Select(l => l!.GetValue<string>()));

    private static string Type(JsonNode? output) => output!["output_type"]!.GetValue<string>();

    [Fact]
    public async Task State_is_shared_and_a_final_expression_is_the_execute_result()
    {
        var (nb, outcome, _) = await Run("var x = 20;", "x + 1", "var y = x * 2;");
        Assert.Equal(new SessionOutcome(3, 3, 0, null), outcome);
        var result = Assert.Single(Outputs(nb, 1));
        Assert.Equal("execute_result", Type(result));
        Assert.Contains("<pre>21</pre>", Text(result!["data"]!["text/html"]), StringComparison.Ordinal); // the kernel's own HTML formatter
        Assert.Equal(2, result["execution_count"]!.GetValue<int>());
        Assert.Empty(Outputs(nb, 2));
        Assert.Equal([1, 2, 3], nb.Cells.Select(c => c.Node["execution_count"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Stdout_and_stderr_are_separate_streams_in_order_with_displays_between()
    {
        var (nb, _, _) = await Run("Console.WriteLine(\"one\"); Console.Error.WriteLine(\"err\"); display(\"shown\"); Console.Write(\"two\"); Console.WriteLine(\"!\");");
        var outputs = Outputs(nb, 0);
        Assert.Equal(["stream", "stream", "display_data", "stream"], outputs.Select(Type));
        Assert.Equal(("stdout", "one\n"), (outputs[0]!["name"]!.GetValue<string>(), Text(outputs[0]!["text"])));
        Assert.Equal(("stderr", "err\n"), (outputs[1]!["name"]!.GetValue<string>(), Text(outputs[1]!["text"])));
        Assert.Equal("shown", Text(outputs[2]!["data"]!["text/plain"]));
        Assert.Equal("two!\n", Text(outputs[3]!["text"]));
    }

    [Fact]
    public async Task A_library_figure_displays_as_plotly_json_svg_html_and_text_found_by_the_kernel_itself()
    {
        var (nb, outcome, _) = await Run(
            $"#r \"{Library}\"\nusing Research.Forecasting.Charts;",
            "var f = Chart.Line(x: [1.0, 2, 3], y: [2.0, 1, 3], name: \"units\").WithTitle(\"T\");\ndisplay(f);");
        Assert.Equal(0, outcome.Failures);
        var data = Assert.Single(Outputs(nb, 1))!["data"]!.AsObject();
        Assert.Equal(["application/vnd.plotly.v1+json", "image/svg+xml", "text/html", "text/plain"], data.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        var plotly = Assert.IsType<JsonObject>(data["application/vnd.plotly.v1+json"]);
        Assert.Equal("units", plotly["data"]![0]!["name"]!.GetValue<string>());
        Assert.StartsWith("<svg", Text(data["image/svg+xml"]), StringComparison.Ordinal);
        Assert.Equal("Figure \"T\": 1 trace (line \"units\"), 800x450", Text(data["text/plain"]));
    }

    [Fact]
    public async Task A_sequence_made_a_table_displays_as_a_column_table_with_a_text_fallback()
    {
        var (nb, outcome, _) = await Run(
            $"#r \"{Library}\"\nusing Research.Forecasting.Reporting;",
            "new[] { new { Model = \"arima\", Mape = 71.41234, Points = 18260 }, new { Model = \"naive\", Mape = 110.2, Points = 18260 } }.ToTable()");
        Assert.Equal(0, outcome.Failures);
        var data = Assert.Single(Outputs(nb, 1))!["data"]!;
        Assert.Equal(
            "<table class=\"research-table\"><thead><tr><th style=\"text-align:left\">Model</th><th style=\"text-align:right\">Mape</th><th style=\"text-align:right\">Points</th></tr></thead><tbody>"
            + "<tr><td style=\"text-align:left\">arima</td><td style=\"text-align:right\">71.4123</td><td style=\"text-align:right\">18260</td></tr>"
            + "<tr><td style=\"text-align:left\">naive</td><td style=\"text-align:right\">110.2</td><td style=\"text-align:right\">18260</td></tr></tbody></table>",
            Text(data["text/html"]));
        Assert.Equal("Model     Mape  Points\n-----  -------  ------\narima  71.4123   18260\nnaive    110.2   18260\n", Text(data["text/plain"]));
    }

    [Fact]
    public async Task A_compile_error_names_the_cell_line_and_column_and_stops_the_notebook()
    {
        var (nb, outcome, _) = await Run("var a = 1;", "#!time\nvar b = 2;\nvar c = a +;\n", "Console.WriteLine(\"never\");");
        Assert.Equal(new SessionOutcome(3, 2, 1, 1), outcome);
        var error = Assert.Single(Outputs(nb, 1))!;
        Assert.Equal(("error", "CompilationError"), (Type(error), error["ename"]!.GetValue<string>()));
        Assert.Equal("cell 2, line 3, column 12: CS1525: Invalid expression term ';'", error["evalue"]!.GetValue<string>());
        Assert.Null(nb.Cells[2].Node["execution_count"]);
        Assert.Empty(Outputs(nb, 2));
    }

    [Fact]
    public async Task A_runtime_exception_names_the_cell_lines_of_every_notebook_frame_even_below_a_directive()
    {
        var (nb, outcome, _) = await Run(
            "int Twice(int x) =>\n    x > 1 ? throw new InvalidOperationException(\"boom\") : 2 * x;",
            "// a comment\n#!time\nvar y = 1;\nTwice(y + 1);");
        Assert.Equal(1, outcome.Failures);
        var error = Outputs(nb, 1).First(o => Type(o) == "error")!;
        Assert.Equal(("InvalidOperationException", "boom"), (error["ename"]!.GetValue<string>(), error["evalue"]!.GetValue<string>()));
        Assert.Equal(["System.InvalidOperationException: boom", "   at Twice in cell 1, line 2", "   at cell code in cell 2, line 4"],
            error["traceback"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(ScriptDebugInformation.Supported);
    }

    [Fact]
    public async Task Time_who_and_the_current_kernel_are_the_kernels_own()
    {
        var (nb, outcome, _) = await Run("#!time\nvar alpha = 1;\nvar beta = \"b\";", "#!who", "Microsoft.DotNet.Interactive.Kernel.Current.Name");
        Assert.Equal(0, outcome.Failures);
        Assert.Matches(@"^Wall time: [0-9.]+ms$", Text(Assert.Single(Outputs(nb, 0))!["data"]!["text/plain"]));
        var who = Text(Assert.Single(Outputs(nb, 1))!["data"]!["text/html"]);
        Assert.Contains("alpha", who, StringComparison.Ordinal);
        Assert.Contains("beta", who, StringComparison.Ordinal);
        Assert.Equal("csharp", Text(Assert.Single(Outputs(nb, 2))!["data"]!["text/plain"]));
    }

    [Fact]
    public async Task A_display_is_updated_in_place_within_its_cell_and_from_a_later_cell()
    {
        var (nb, outcome, events) = await Run(
            "var progress = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(Microsoft.DotNet.Interactive.KernelInvocationContext.Current, \"step 1\");\nprogress.Update(\"step 2\");",
            "progress.Update(\"done\");\n\"next\"");
        Assert.Equal(0, outcome.Failures);
        Assert.Equal("done", Text(Assert.Single(Outputs(nb, 0))!["data"]!["text/plain"]));
        Assert.Equal("next", Text(Assert.Single(Outputs(nb, 1))!["data"]!["text/plain"]));
        var update = Assert.Single(events.OfType<CellOutputsUpdated>());
        Assert.Equal(0, update.Cell);
        Assert.Equal("step 2", Text(((JsonArray)events.OfType<CellFinished>().First().Outputs)[0]!["data"]!["text/plain"]));
    }

    [Fact]
    public async Task The_display_helpers_update_goes_nowhere_in_the_final_release_as_in_Jupyter_and_VS_Code()
    {
        // Microsoft.DotNet.Interactive.Formatting 1.0.0-beta.26120.1: display(x) publishes one DisplayedValue and returns
        // another, so Update(y) carries a display id no front end knows; Jupyter (checked with nbconvert) keeps "first"
        var (nb, outcome, _) = await Run("var shown = display(\"first\");\nshown.Update(\"second\");");
        Assert.Equal(0, outcome.Failures);
        Assert.Equal("first", Text(Assert.Single(Outputs(nb, 0))!["data"]!["text/plain"]));
    }

    [Fact]
    public async Task R_nuget_restores_through_package_management()
    {
        // Humanizer.Core is a dependency of the kernel itself, so the restore needs no download on a machine that built this
        var (nb, outcome, _) = await Run("#r \"nuget: Humanizer.Core, 2.14.1\"", "using Humanizer;\n\"sales_forecast\".Humanize()");
        Assert.True(outcome.Failures == 0, Outputs(nb, 0).ToJsonString() + Outputs(nb, 1).ToJsonString());
        Assert.Equal("sales forecast", Text(Assert.Single(Outputs(nb, 1))!["data"]!["text/plain"]));
    }

    [Fact]
    public async Task A_cell_of_a_language_the_kernel_does_not_have_fails_with_the_kernels_message()
    {
        var notebook = Notebook.Load(_files.Write("f.ipynb", "1"));
        notebook.Cells[0].Metadata["polyglot_notebook"]!["kernelName"] = "fsharp";
        await using var session = await NotebookSession.StartAsync();
        var outcome = await session.RunAsync(notebook);
        Assert.Equal(1, outcome.Failures);
        var error = Assert.Single(Outputs(notebook, 0))!;
        Assert.Equal("NoSuitableKernelException", error["ename"]!.GetValue<string>());
        Assert.Contains("fsharp", error["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("   in cell 1", error["traceback"]!.AsArray()[^1]!.GetValue<string>());
    }
}
