using System.Text.Json.Nodes;
using Research.Notebooks.Model;
using Research.Notebooks.Running;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Running;

/// <summary>The runner with real child processes (the CLI's <c>notebooks child</c> verb).</summary>
public sealed class RunnerTests : IDisposable
{
    private readonly TestNotebook _files = new();

    public void Dispose() => _files.Dispose();

    private RunOptions Options(string path, double cellTimeout = 60) => new()
    {
        Paths = [path],
        ChildCommand = Repo.Cli(),
        OutputDirectory = Path.Combine(_files.Directory, "out"),
        ResultsDirectory = Path.Combine(_files.Directory, "results"),
        CellTimeout = TimeSpan.FromSeconds(cellTimeout),
        NotebookTimeout = TimeSpan.FromSeconds(120),
    };

    private static JsonArray Outputs(Notebook nb, int cell) => (JsonArray)nb.Cells[cell].Node["outputs"]!;

    [Fact]
    public void A_good_notebook_runs_writes_outputs_and_results_and_leaves_the_source_alone()
    {
        var lib = typeof(Research.Forecasting.Reporting.Results).Assembly.Location.Replace("\\", "/", StringComparison.Ordinal);
        var path = _files.Write("good.ipynb",
            "params:var n = 3;",
            $"#r \"{lib}\"\nusing Research.Forecasting.Reporting;",
            "Results.Record(\"sum\", Enumerable.Range(1, n).Sum(), tolerance: 0.5);\nConsole.WriteLine(\"done\");");
        var source = File.ReadAllBytes(path);
        var summary = Assert.Single(NotebookRunner.Run(Options(path) with { Parameters = new Dictionary<string, JsonNode?> { ["n"] = 4 } }));
        Assert.True(summary.Ok, summary.Message);
        Assert.Equal((4, 4, 0), (summary.CodeCells, summary.CellsRun, summary.Failures)); // 3 cells + the injected one
        Assert.Equal(source, File.ReadAllBytes(path));
        var executed = Notebook.Load(summary.Output!);
        Assert.Equal("done\n", string.Concat(Outputs(executed, 3)[0]!["text"]!.AsArray().Select(t => t!.GetValue<string>())));
        Assert.Equal(10, executed.Metadata["research"]!["results"]!["sum"]!["value"]!.GetValue<double>());
        Assert.Equal(4, executed.Metadata["research"]!["parameters"]!["n"]!.GetValue<int>());
        var results = ResultsFile.Read(summary.ResultsFile!);
        Assert.Equal(new ResultValue(10, 0.5), results["sum"]);
        Assert.Equal("{\n \"notebook\": \"good\",\n \"profile\": \"full\",\n \"results\": {\n  \"sum\": {\n   \"tolerance\": 0.5,\n   \"value\": 10\n  }\n }\n}\n", File.ReadAllText(summary.ResultsFile!));
    }

    [Fact]
    public void A_throwing_cell_fails_the_run_with_the_error_in_that_cell()
    {
        var path = _files.Write("throws.ipynb", "var a = 1;", "throw new ArgumentException(\"bad input\");", "var never = 1;");
        var summary = Assert.Single(NotebookRunner.Run(Options(path)));
        Assert.False(summary.Ok);
        Assert.Equal(("failed", 2, 1), (summary.Status, summary.CellsRun, summary.Failures));
        var executed = Notebook.Load(summary.Output!);
        Assert.Equal("bad input", Outputs(executed, 1)[0]!["evalue"]!.GetValue<string>());
        Assert.Null(summary.ResultsFile);
    }

    [Fact]
    public void A_compile_error_fails_the_run()
    {
        var path = _files.Write("compile.ipynb", "int x = \"text\";");
        var summary = Assert.Single(NotebookRunner.Run(Options(path)));
        Assert.Equal(("failed", 1), (summary.Status, summary.Failures));
        Assert.Equal("CompilationError", Outputs(Notebook.Load(summary.Output!), 0)[0]!["ename"]!.GetValue<string>());
    }

    [Fact]
    public void An_unsupported_directive_fails_the_run()
    {
        var path = _files.Write("nuget.ipynb", "#r \"nuget: Plotly.NET\"\nvar x = 1;");
        var summary = Assert.Single(NotebookRunner.Run(Options(path)));
        Assert.False(summary.Ok);
        Assert.Equal("UnsupportedDirective", Outputs(Notebook.Load(summary.Output!), 0)[0]!["ename"]!.GetValue<string>());
    }

    [Fact]
    public void An_endless_loop_is_killed_at_the_cell_timeout_and_outputs_so_far_are_kept()
    {
        var path = _files.Write("loop.ipynb", "Console.WriteLine(\"before\");", "long i = 0; while (true) { i++; }", "var after = 1;");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var summary = Assert.Single(NotebookRunner.Run(Options(path, cellTimeout: 3)));
        Assert.InRange(watch.Elapsed.TotalSeconds, 3, 60);
        Assert.Equal("timeout", summary.Status);
        Assert.False(summary.Ok);
        var executed = Notebook.Load(summary.Output!);
        Assert.Equal("before\n", string.Concat(Outputs(executed, 0)[0]!["text"]!.AsArray().Select(t => t!.GetValue<string>())));
        var error = Outputs(executed, 1)[0]!;
        Assert.Equal("Timeout", error["ename"]!.GetValue<string>());
        Assert.Contains("cell 2 did not finish within 3 s", error["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
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
        var executed = Notebook.Load(summary.Output!);
        Assert.Equal("small 2\n", string.Concat(Outputs(executed, 2)[0]!["text"]!.AsArray().Select(t => t!.GetValue<string>())));
    }

    [Fact]
    public void Results_compare_reports_drift_beyond_tolerance_and_missing_results()
    {
        var expected = Path.Combine(_files.Directory, "expected");
        var actual = Path.Combine(_files.Directory, "actual");
        ResultsFile.Write(Path.Combine(expected, "nb.json"), "nb", "ci", new Dictionary<string, ResultValue> { ["a"] = new(1.0, 0.1), ["b"] = new(5, 0), ["c"] = new(7, 0) });
        ResultsFile.Write(Path.Combine(actual, "nb.json"), "nb", "ci", new Dictionary<string, ResultValue> { ["a"] = new(1.05, 0.1), ["b"] = new(5.5, 0), ["d"] = new(1, 0) });
        var drifts = ResultsFile.Compare(expected, actual);
        Assert.Equal(["b", "c", "d"], drifts.Select(d => d.Name));
        Assert.Empty(ResultsFile.Compare(expected, expected));
    }
}
