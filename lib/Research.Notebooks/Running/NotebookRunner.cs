using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Research.Notebooks.Execution;
using Research.Notebooks.Model;

namespace Research.Notebooks.Running;

/// <summary>
/// Runs notebooks headlessly, each in its own child process so a runaway cell can be stopped for sure (a busy loop
/// ignores cancellation): the child reports each cell's outputs as it finishes, and the runner kills it when a cell
/// exceeds the cell timeout or the notebook exceeds its own. Executed notebooks and results files are written
/// atomically; a source notebook is only ever replaced whole (<see cref="RunOptions.InPlace"/>).
/// </summary>
public static class NotebookRunner
{
    public static IReadOnlyList<NotebookRunSummary> Run(RunOptions options, Action<NotebookRunSummary>? finished = null)
    {
        var notebooks = Expand(options.Paths);
        var summaries = new NotebookRunSummary[notebooks.Count];
        Parallel.For(0, notebooks.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs) }, i =>
        {
            summaries[i] = RunOne(notebooks[i], options);
            finished?.Invoke(summaries[i]);
        });
        return summaries;
    }

    /// <summary>The notebook files named by <paramref name="paths"/> (folders expand to their <c>*.ipynb</c>, sorted).</summary>
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p)) files.AddRange(Directory.GetFiles(p, "*.ipynb").Order(StringComparer.Ordinal));
            else if (File.Exists(p)) files.Add(p);
            else throw new FileNotFoundException($"no notebook or folder at {Path.GetFullPath(p)}", p);
        }
        return files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static NotebookRunSummary RunOne(string path, RunOptions options)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var watch = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("research-notebook-").FullName;
        try
        {
            // 1. the working copy: ids, injected parameters
            Notebook notebook;
            IReadOnlyDictionary<string, JsonNode?> parameters;
            try
            {
                notebook = Notebook.Load(path).Clone();
                notebook.EnsureCellIds();
                var declared = Parameters.Declared(notebook);
                var profileFile = Profiles.FileOf(options.Profile, options.ProfilesDirectory ?? Path.Combine(Path.GetDirectoryName(path)!, "profiles"));
                var merged = new Dictionary<string, JsonNode?>(Profiles.For(profileFile, name, declared), StringComparer.Ordinal);
                foreach (var (k, v) in options.Parameters) merged[k] = v?.DeepClone();
                parameters = merged;
                Parameters.Inject(notebook, parameters);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or System.Text.Json.JsonException)
            {
                return new NotebookRunSummary(name, 0, 0, 1, watch.Elapsed.TotalSeconds, "invalid", null, null, e.Message);
            }
            var input = Path.Combine(work, Path.GetFileName(path));
            File.WriteAllText(input, notebook.ToJson(), new UTF8Encoding(false));
            var resultsLines = Path.Combine(work, "results.jsonl");

            // 2. the child process
            var (status, message) = RunChild(options, input, Path.GetDirectoryName(path)!, resultsLines, notebook);

            // 3. outputs, results, files
            var codeCells = notebook.Cells.Count(c => c.IsCode);
            var cellsRun = notebook.Cells.Count(c => c.IsCode && c.Node["execution_count"] is not null);
            var failures = notebook.Cells.Count(c => c.IsCode && c.Node["outputs"] is JsonArray o && o.Any(x => x?["output_type"]?.GetValue<string>() == "error"));
            if (status != "ok" && failures == 0) failures = 1;
            var results = ResultsFile.ReadRecorded(resultsLines);
            notebook.Metadata["research"] = new JsonObject
            {
                ["profile"] = options.Profile,
                ["parameters"] = new JsonObject(parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value?.DeepClone()))),
                ["results"] = ResultsFile.ToJson(name, options.Profile, results)["results"]!.DeepClone(),
            };
            var output = options.InPlace ? path : Path.Combine(options.OutputDirectory, Path.GetFileName(path));
            AtomicFile.WriteAllText(output, notebook.ToJson());
            string? resultsFile = null;
            if (status == "ok" && failures == 0)
            {
                resultsFile = Path.Combine(options.ResultsDirectory ?? Path.Combine("results", options.Profile), name + ".json");
                ResultsFile.Write(resultsFile, name, options.Profile, results);
            }
            return new NotebookRunSummary(name, codeCells, cellsRun, failures, watch.Elapsed.TotalSeconds, status, output, resultsFile, message);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Runs the child, applying each finished cell's outputs to <paramref name="notebook"/>; kills it on a timeout.</summary>
    private static (string Status, string? Message) RunChild(RunOptions options, string input, string baseDirectory, string resultsLines, Notebook notebook)
    {
        var psi = new ProcessStartInfo(options.ChildCommand.File)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = baseDirectory,
        };
        foreach (var a in options.ChildCommand.Prefix) psi.ArgumentList.Add(a);
        foreach (var a in new[] { "notebooks", "child", input, "--base-dir", baseDirectory }) psi.ArgumentList.Add(a);
        psi.Environment["RESEARCH_RESULTS_FILE"] = resultsLines;
        psi.Environment["CI"] = Environment.GetEnvironmentVariable("CI") ?? "";

        using var child = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        var gate = new object();
        int? running = null;
        var cellStarted = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        var done = false;
        var stderr = new StringBuilder();
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null || !e.Data.StartsWith(ChildProtocol.Prefix, StringComparison.Ordinal)) return;
            var ev = JsonNode.Parse(e.Data[ChildProtocol.Prefix.Length..])!;
            lock (gate)
            {
                switch (ev["event"]!.GetValue<string>())
                {
                    case "start":
                        running = ev["cell"]!.GetValue<int>();
                        cellStarted.Restart();
                        break;
                    case "end":
                        var cell = notebook.Cells[ev["cell"]!.GetValue<int>()];
                        cell.SetOutputs((JsonArray)ev["outputs"]!.DeepClone(), ev["execution_count"]?.GetValue<int>());
                        running = null;
                        break;
                    case "done":
                        done = true;
                        break;
                }
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();

        string? timeout = null;
        while (!child.WaitForExit(50))
        {
            lock (gate)
            {
                if (running is { } r && cellStarted.Elapsed > options.CellTimeout)
                    timeout = $"cell {r + 1} did not finish within {options.CellTimeout.TotalSeconds:0.#} s (--cell-timeout); the runner stopped the notebook";
                else if (total.Elapsed > options.NotebookTimeout)
                    timeout = $"the notebook did not finish within {options.NotebookTimeout.TotalSeconds:0.#} s (--notebook-timeout); the runner stopped it";
            }
            if (timeout is null) continue;
            try { child.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            child.WaitForExit();
            break;
        }
        child.WaitForExit(); // drain the output readers
        lock (gate)
        {
            if (timeout is not null)
            {
                MarkFailed(notebook, running, "Timeout", timeout);
                return ("timeout", timeout);
            }
            if (!done)
            {
                string tail;
                lock (stderr) tail = string.Join('\n', stderr.ToString().Split('\n').TakeLast(20));
                var message = $"the notebook process exited with code {child.ExitCode} before finishing: {tail.Trim()}";
                MarkFailed(notebook, running, "ProcessExited", message);
                return ("crashed", message);
            }
            return (child.ExitCode == 0 ? "ok" : "failed", null);
        }
    }

    /// <summary>Puts the error in the cell that was running (or, when none was, after the outputs of the last one that ran).</summary>
    private static void MarkFailed(Notebook notebook, int? running, string name, string message)
    {
        var target = running is { } r
            ? notebook.Cells[r]
            : notebook.Cells.LastOrDefault(c => c.IsCode && c.Node["execution_count"] is not null) ?? notebook.Cells.FirstOrDefault(c => c.IsCode);
        if (target is null) return;
        var error = new CellOutputs();
        error.Error(name, message, [message]);
        var prior = running is null && target.Node["outputs"] is JsonArray p ? p.Select(o => o!.DeepClone()).ToArray() : [];
        var outputs = new JsonArray([.. prior, .. error.ToJson().Select(o => o!.DeepClone())]);
        var next = notebook.Cells.Where(c => c.IsCode && c.Node["execution_count"] is not null)
            .Select(c => c.Node["execution_count"]!.GetValue<int>()).DefaultIfEmpty(0).Max() + 1;
        target.SetOutputs(outputs, target.Node["execution_count"]?.GetValue<int>() ?? next);
    }
}
