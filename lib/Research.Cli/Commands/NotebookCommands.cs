using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Notebooks.Report;
using Research.Notebooks.Running;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research notebooks run|child</c> and <c>research results compare</c>.</summary>
public static class NotebookCommands
{
    public static Command Notebooks()
    {
        var notebooks = new Command("notebooks", "Run C# notebooks headlessly.");

        var paths = new Argument<string[]>("paths") { Description = "Notebooks or folders of notebooks.", DefaultValueFactory = _ => ["notebooks"] };
        var profile = new Option<string>("--profile") { Description = "Parameter profile: ci (small, fast) or full (the notebooks' defaults).", DefaultValueFactory = _ => "full" };
        var output = new Option<string>("--out") { Description = "Folder for executed notebooks.", DefaultValueFactory = _ => Path.Combine("artifacts", "notebooks") };
        var inplace = new Option<bool>("--inplace") { Description = "Write outputs into the source notebooks (atomically)." };
        var jobs = new Option<int>("--jobs") { Description = "Notebooks run at once.", DefaultValueFactory = _ => 1 };
        var cellTimeout = new Option<double>("--cell-timeout") { Description = "Seconds a cell may run before the notebook is stopped.", DefaultValueFactory = _ => 1800 };
        var notebookTimeout = new Option<double>("--notebook-timeout") { Description = "Seconds a notebook's cells may run together (kernel start-up not counted).", DefaultValueFactory = _ => 3600 };
        var param = new Option<string[]>("--param") { Description = "Parameter override Name=value (value as JSON, else a string); repeatable.", AllowMultipleArgumentsPerToken = false };
        var results = new Option<string?>("--results") { Description = "Folder for named results (default results/<profile>)." };
        var run = new Command("run", "Execute notebooks, each in its own process; write executed notebooks and results/<profile>/<notebook>.json.")
        {
            paths, profile, output, inplace, jobs, cellTimeout, notebookTimeout, param, results,
        };
        run.SetAction(r =>
        {
            // usage errors first, before any notebook runs: one line naming the option, exit code 2
            var overrides = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var p in r.GetValue(param) ?? [])
            {
                if (p.IndexOf('=', StringComparison.Ordinal) <= 0) throw new UsageException("--param", p, "expected Name=value, e.g. --param rounds=2");
                var kv = Parameters.ParseAssignment(p);
                overrides[kv.Key] = kv.Value;
            }
            OptionValues.AtLeast("--jobs", r.GetValue(jobs), 1);
            if (!(r.GetValue(cellTimeout) > 0)) throw new UsageException("--cell-timeout", r.GetValue(cellTimeout).ToString(CultureInfo.InvariantCulture), "seconds, more than 0");
            if (!(r.GetValue(notebookTimeout) > 0)) throw new UsageException("--notebook-timeout", r.GetValue(notebookTimeout).ToString(CultureInfo.InvariantCulture), "seconds, more than 0");
            foreach (var path in r.GetValue(paths)!)
                if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException("paths", path, $"no notebook or folder at {Path.GetFullPath(path)}");
            var notebookFiles = NotebookRunner.Expand(r.GetValue(paths)!);
            if (notebookFiles.Count == 0) throw new UsageException("paths", string.Join(" ", r.GetValue(paths)!), "holds no .ipynb notebook");
            var options = new RunOptions
            {
                Paths = r.GetValue(paths)!,
                Profile = r.GetValue(profile)!,
                Parameters = overrides,
                OutputDirectory = r.GetValue(output)!,
                InPlace = r.GetValue(inplace),
                ResultsDirectory = r.GetValue(results),
                Jobs = r.GetValue(jobs),
                CellTimeout = TimeSpan.FromSeconds(r.GetValue(cellTimeout)),
                NotebookTimeout = TimeSpan.FromSeconds(r.GetValue(notebookTimeout)),
            };
            var clock = new Research.Forecasting.IO.RunClock();
            var summaries = Terminal.Progress("notebooks", notebookFiles.Count, step => NotebookRunner.Run(options, s =>
            {
                step(1);
                if (Terminal.Plain) Console.WriteLine($"{s.Notebook}: {s.Status}, {s.CellsRun}/{s.CodeCells} cells, {s.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s");
            }));
            var manifest = NotebookManifest.Write(options, summaries, clock, [.. r.Tokens.Select(t => t.Value)]);
            var table = new Table().AddColumns("notebook", "status", "cells run", "failures", "seconds", "output");
            foreach (var s in summaries)
                table.AddRow(Markup.Escape(s.Notebook), s.Status, $"{s.CellsRun}/{s.CodeCells}", s.Failures.ToString(CultureInfo.InvariantCulture),
                    s.Seconds.ToString("F1", CultureInfo.InvariantCulture), Markup.Escape(s.Output ?? ""));
            Terminal.Out.Write(table);
            foreach (var s in summaries.Where(s => s.Message is not null))
                Terminal.Out.WriteLine($"{s.Notebook}: {s.Message}");
            Terminal.Out.WriteLine($"manifest: {manifest}");
            if (summaries.FirstOrDefault(s => s.ResultsFile is not null) is { } written)
                Terminal.Out.WriteLine($"named results in {Path.GetDirectoryName(written.ResultsFile)}"
                    + (overrides.Count > 0 && r.GetValue(results) is null ? " (--param given: the committed results/ are left alone)" : ""));
            return summaries.All(s => s.Ok) ? 0 : 1;
        });
        notebooks.Subcommands.Add(run);

        return notebooks;
    }

    public static Command Results()
    {
        var results = new Command("results", "Named results of notebook runs.");
        var expected = new Option<string>("--expected") { Description = "Committed results folder, e.g. results/ci.", Required = true };
        var actual = new Option<string>("--actual") { Description = "Results of the new run.", Required = true };
        var compare = new Command("compare", "Fail when a new run's named results drift beyond each result's tolerance.") { expected, actual };
        compare.SetAction(r =>
        {
            var drifts = ResultsFile.Compare(r.GetValue(expected)!, r.GetValue(actual)!);
            if (drifts.Count == 0)
            {
                Terminal.Out.WriteLine($"results: every named result in {r.GetValue(expected)} is reproduced within its tolerance");
                return 0;
            }
            var table = new Table().AddColumns("notebook", "result", "expected", "actual", "tolerance", "problem");
            foreach (var d in drifts)
                table.AddRow(Markup.Escape(d.Notebook), Markup.Escape(d.Name), F(d.Expected), F(d.Actual), F(d.Tolerance), Markup.Escape(d.Problem));
            Terminal.Out.Write(table);
            return 1;
        });
        results.Subcommands.Add(compare);

        var from = new Option<string>("--results") { Description = "Committed named results.", DefaultValueFactory = _ => Path.Combine("results", "full") };
        var readme = new Option<string>("--readme") { Description = "The README whose results section is rewritten.", DefaultValueFactory = _ => "README.md" };
        var check = new Option<bool>("--check") { Description = "Only check: exit 1 when the section is stale." };
        var table = new Command("readme", "Regenerate the README's results section from the committed named results.") { from, readme, check };
        table.SetAction(r =>
        {
            var path = r.GetValue(readme)!;
            try
            {
                var text = File.ReadAllText(path);
                var updated = ResultsReadme.Update(text, r.GetValue(from)!);
                if (updated == text) { Terminal.Out.WriteLine($"{path}: the results section is up to date"); return 0; }
                if (r.GetValue(check)) { Console.Error.WriteLine($"{path}: the results section differs from {r.GetValue(from)}; run research results readme"); return 1; }
                Research.Forecasting.IO.AtomicFile.WriteAllText(path, updated);
                Terminal.Out.WriteLine($"{path}: results section regenerated from {r.GetValue(from)}");
                return 0;
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        results.Subcommands.Add(table);
        return results;
    }

    private static string F(double? v) => v?.ToString("G8", CultureInfo.InvariantCulture) ?? "";
}
