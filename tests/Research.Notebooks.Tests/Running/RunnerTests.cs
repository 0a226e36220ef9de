using System.Text.Json.Nodes;
using Research.Notebooks.Model;
using Research.Notebooks.Running;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Running;

/// <summary>The runner with real kernel-host processes (bin/.../kernel/research-kernel.dll, as the CLI runs them).</summary>
public sealed class RunnerTests : IDisposable
{
    private readonly TestNotebook _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly string Library = typeof(Research.Forecasting.Reporting.Results).Assembly.Location.Replace("\\", "/", StringComparison.Ordinal);

    // generous: the machine is shared; kernel start-up has its own timeout and counts against no cell
    private RunOptions Options(string path, double cellTimeout = 120) => new()
    {
        Paths = [path],
        OutputDirectory = Path.Combine(_files.Directory, "out"),
        ResultsDirectory = Path.Combine(_files.Directory, "results"),
        CellTimeout = TimeSpan.FromSeconds(cellTimeout),
        NotebookTimeout = TimeSpan.FromSeconds(600),
    };

    private static JsonArray Outputs(Notebook nb, int cell) => (JsonArray)nb.Cells[cell].Node["outputs"]!;

    private static string Text(JsonNode? lines) => string.Concat(((JsonArray)lines!).Select(l => l!.GetValue<string>()));

    [Fact]
    public void A_good_notebook_runs_writes_outputs_and_results_with_its_parameters_and_leaves_the_source_alone()
    {
        var path = _files.Write("good.ipynb",
            "params:var n = 3;",
            $"#r \"{Library}\"\nusing Research.Forecasting.Reporting;",
            "Results.Record(\"sum\", Enumerable.Range(1, n).Sum(), tolerance: 0.5);\nConsole.WriteLine(\"done\");");
        var source = File.ReadAllBytes(path);
        var summary = Assert.Single(NotebookRunner.Run(Options(path) with { Parameters = new Dictionary<string, JsonNode?> { ["n"] = 4 } }));
        Assert.True(summary.Ok, summary.Message);
        Assert.Equal((4, 4, 0), (summary.CodeCells, summary.CellsRun, summary.Failures)); // 3 cells + the injected one
        Assert.InRange(summary.KernelSeconds!.Value, 0.01, summary.Seconds);
        Assert.Equal(source, File.ReadAllBytes(path));
        var executed = Notebook.Load(summary.Output!);
        Assert.Equal("done\n", Text(Outputs(executed, 3)[0]!["text"]));
        Assert.Equal(10, executed.Metadata["research"]!["results"]!["sum"]!["value"]!.GetValue<double>());
        Assert.Equal(4, executed.Metadata["research"]!["parameters"]!["n"]!.GetValue<int>());
        Assert.Equal(new ResultValue(10, 0.5), ResultsFile.Read(summary.ResultsFile!)["sum"]);
        Assert.Equal("{\n \"notebook\": \"good\",\n \"parameters\": {\n  \"n\": 4\n },\n \"profile\": \"full\",\n \"results\": {\n  \"sum\": {\n   \"tolerance\": 0.5,\n   \"value\": 10\n  }\n }\n}\n",
            File.ReadAllText(summary.ResultsFile!));
    }

    [Fact]
    public void A_notebook_that_needs_the_kernel_itself_runs()
    {
        var path = _files.Write("kernel.ipynb",
            "var shown = Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(Microsoft.DotNet.Interactive.KernelInvocationContext.Current, \"working\");\nvar answer = 42;",
            "#!who",
            "shown.Update(\"finished\");\nMicrosoft.DotNet.Interactive.Kernel.Current.Name");
        var summary = Assert.Single(NotebookRunner.Run(Options(path)));
        Assert.True(summary.Ok, summary.Message);
        var executed = Notebook.Load(summary.Output!);
        Assert.Equal("finished", Text(Assert.Single(Outputs(executed, 0))!["data"]!["text/plain"]));
        Assert.Contains("answer", Text(Assert.Single(Outputs(executed, 1))!["data"]!["text/html"]), StringComparison.Ordinal);
        Assert.Equal("csharp", Text(Assert.Single(Outputs(executed, 2))!["data"]!["text/plain"]));
    }

    [Fact]
    public void A_throwing_cell_fails_the_run_with_the_located_error_in_that_cell()
    {
        var path = _files.Write("throws.ipynb", "var a = 1;", "var b = 2;\nthrow new ArgumentException(\"bad input\");", "var never = 1;");
        var summary = Assert.Single(NotebookRunner.Run(Options(path)));
        Assert.False(summary.Ok);
        Assert.Equal((NotebookStatus.Failed, 2, 1), (summary.Status, summary.CellsRun, summary.Failures));
        var error = Notebook.Load(summary.Output!).Cells[1].Node["outputs"]![0]!;
        Assert.Equal("bad input", error["evalue"]!.GetValue<string>());
        Assert.Contains(error["traceback"]!.AsArray(), t => t!.GetValue<string>() == "   at cell code in cell 2, line 2");
        Assert.Null(summary.ResultsFile);
    }

    [Fact]
    public void A_compile_error_fails_the_run()
    {
        var path = _files.Write("compile.ipynb", "int x = \"text\";");
        var summary = Assert.Single(NotebookRunner.Run(Options(path)));
        Assert.Equal((NotebookStatus.Failed, 1), (summary.Status, summary.Failures));
        Assert.Equal("CompilationError", Outputs(Notebook.Load(summary.Output!), 0)[0]!["ename"]!.GetValue<string>());
    }

    [Fact]
    public void An_endless_loop_is_killed_at_the_cell_timeout_and_outputs_so_far_are_kept()
    {
        // kernel start-up (many seconds on a loaded machine) does not count against the first cell; 20 s is far more
        // than a trivial cell takes even with the machine's two cores saturated, and the loop never ends
        var path = _files.Write("loop.ipynb", "Console.WriteLine(\"before\");", "long i = 0; while (true) { i++; }", "var after = 1;");
        var summary = Assert.Single(NotebookRunner.Run(Options(path, cellTimeout: 20)));
        Assert.Equal(NotebookStatus.Timeout, summary.Status);
        Assert.False(summary.Ok);
        var executed = Notebook.Load(summary.Output!);
        Assert.Equal("before\n", Text(Outputs(executed, 0)[0]!["text"]));
        var error = Outputs(executed, 1)[0]!;
        Assert.Equal("Timeout", error["ename"]!.GetValue<string>());
        Assert.Contains("cell 2 did not finish within 20 s", error["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Outputs(executed, 2));
    }

    [Fact]
    public void A_profile_sets_parameters_per_notebook_and_for_all()
    {
        Directory.CreateDirectory(Path.Combine(_files.Directory, "profiles"));
        File.WriteAllText(Path.Combine(_files.Directory, "profiles", "ci.json"), """{"*": {"rounds": 2, "unrelated": 1}, "prof": {"name": "small"}}""");
        var path = _files.Write("prof.ipynb", "params:var rounds = 10;\nvar name = \"full\";", "Console.WriteLine($\"{name} {rounds}\");");
        var summary = Assert.Single(NotebookRunner.Run(Options(path) with { Profile = "ci" }));
        Assert.True(summary.Ok, summary.Message);
        Assert.Equal("small 2\n", Text(Outputs(Notebook.Load(summary.Output!), 2)[0]!["text"]));
    }

    [Fact]
    public void Overrides_on_the_command_line_never_write_the_committed_results()
    {
        var options = new RunOptions { Paths = ["x.ipynb"], Profile = "full" };
        Assert.Equal(Path.Combine("results", "full"), options.EffectiveResultsDirectory);
        var overridden = options with { Parameters = new Dictionary<string, JsonNode?> { ["rounds"] = 2 } };
        Assert.Equal(Path.Combine("artifacts", "results", "full-params"), overridden.EffectiveResultsDirectory);
        Assert.Equal("mine", (overridden with { ResultsDirectory = "mine" }).EffectiveResultsDirectory);
    }

    [Fact]
    public void Results_compare_reports_drift_beyond_tolerance_and_missing_results()
    {
        var expected = Path.Combine(_files.Directory, "expected");
        var actual = Path.Combine(_files.Directory, "actual");
        var none = new Dictionary<string, JsonNode?>();
        ResultsFile.Write(Path.Combine(expected, "nb.json"), "nb", "ci", none, new Dictionary<string, ResultValue> { ["a"] = new(1.0, 0.1), ["b"] = new(5, 0), ["c"] = new(7, 0) });
        ResultsFile.Write(Path.Combine(actual, "nb.json"), "nb", "ci", none, new Dictionary<string, ResultValue> { ["a"] = new(1.05, 0.1), ["b"] = new(5.5, 0), ["d"] = new(1, 0) });
        var drifts = ResultsFile.Compare(expected, actual);
        Assert.Equal(["b", "c", "d"], drifts.Select(d => d.Name));
        Assert.Empty(ResultsFile.Compare(expected, expected));
    }
}
