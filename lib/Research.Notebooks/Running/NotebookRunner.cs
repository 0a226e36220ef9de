using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Research.Contracts;
using Research.Notebooks.Model;
using Research.Notebooks.Protocol;

namespace Research.Notebooks.Running;

/// <summary>
/// Runs notebooks headlessly on the .NET Interactive kernel, each in its own kernel-host process (the C# kernel cannot
/// stop a runaway cell in-process): the host reports each cell's outputs as it finishes, and the runner kills it when
/// a cell exceeds the cell timeout or the notebook exceeds its own. Kernel start-up has its own timeout and counts
/// against no cell. Executed notebooks and results files are written atomically; a source notebook is only ever
/// replaced whole (<see cref="RunOptions.InPlace"/>).
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
                return new NotebookRunSummary(name, 0, 0, 1, watch.Elapsed.TotalSeconds, NotebookStatus.Invalid, null, null, e.Message);
            }
            var input = Path.Combine(work, Path.GetFileName(path));
            File.WriteAllText(input, notebook.ToJson(), new UTF8Encoding(false));
            var resultsLines = Path.Combine(work, "results.jsonl");
            var dataLog = Path.Combine(work, "data-files.log");

            // 2. the kernel host
            var run = RunHost(options, input, Path.GetDirectoryName(path)!, resultsLines, dataLog, notebook);
            // the data files the library opened in the notebook's process, for the run's manifest
            IReadOnlyList<string> dataFiles = File.Exists(dataLog)
                ? [.. File.ReadAllLines(dataLog).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal)]
                : [];

            // 3. outputs, results, files
            var codeCells = notebook.Cells.Count(c => c.IsCode);
            var cellsRun = notebook.Cells.Count(c => c.IsCode && c.Node["execution_count"] is not null);
            var failures = notebook.Cells.Count(c => c.IsCode && c.Node["outputs"] is JsonArray o && o.Any(x => x?["output_type"]?.GetValue<string>() == "error"));
            if (run.Status != NotebookStatus.Ok && failures == 0) failures = 1;
            var results = ResultsFile.ReadRecorded(resultsLines);
            var sortedParameters = new SortedDictionary<string, JsonNode?>(parameters.ToDictionary(), StringComparer.Ordinal);
            notebook.Metadata["research"] = new JsonObject
            {
                ["profile"] = options.Profile,
                ["parameters"] = ResultsFile.ParametersJson(sortedParameters),
                ["results"] = ResultsFile.ToJson(name, options.Profile, sortedParameters, results)["results"]!.DeepClone(),
            };
            var output = options.InPlace ? path : Path.Combine(options.OutputDirectory, Path.GetFileName(path));
            AtomicFile.WriteAllText(output, notebook.ToJson());
            string? resultsFile = null;
            if (run.Status == NotebookStatus.Ok && failures == 0)
            {
                resultsFile = Path.Combine(options.EffectiveResultsDirectory, name + ".json");
                ResultsFile.Write(resultsFile, name, options.Profile, sortedParameters, results);
            }
            return new NotebookRunSummary(name, codeCells, cellsRun, failures, watch.Elapsed.TotalSeconds, run.Status, output, resultsFile, run.Message, run.KernelSeconds, dataFiles);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record HostRun(string Status, string? Message, double? KernelSeconds);

    /// <summary>Runs the kernel host, applying each finished cell's outputs to <paramref name="notebook"/>; kills it on a timeout.</summary>
    private static HostRun RunHost(RunOptions options, string input, string baseDirectory, string resultsLines, string dataLog, Notebook notebook)
    {
        var (file, prefix) = options.KernelHost ?? KernelHostProtocol.DefaultCommand();
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = baseDirectory,
        };
        foreach (var a in prefix.Concat(KernelHostProtocol.Arguments(input, baseDirectory))) psi.ArgumentList.Add(a);
        psi.Environment[NotebookEnvironment.ResultsFile] = resultsLines;
        psi.Environment[NotebookEnvironment.DataLog] = dataLog;
        psi.Environment[NotebookEnvironment.Ci] = Environment.GetEnvironmentVariable(NotebookEnvironment.Ci) ?? "";
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";

        using var host = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        var gate = new object();
        int? running = null;
        double? kernelSeconds = null;
        var cellClock = Stopwatch.StartNew();
        var notebookClock = new Stopwatch();
        var startClock = Stopwatch.StartNew();
        var done = false;
        var stderr = new StringBuilder();
        host.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        host.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null || KernelHostProtocol.Parse(e.Data) is not { } ev) return;
            lock (gate)
            {
                switch (ev)
                {
                    case KernelReady ready:
                        kernelSeconds = ready.Seconds;
                        notebookClock.Start();
                        break;
                    case CellStarted started:
                        running = started.Cell;
                        cellClock.Restart();
                        break;
                    case CellFinished end:
                        notebook.Cells[end.Cell].SetOutputs((JsonArray)end.Outputs.DeepClone(), end.ExecutionCount);
                        running = null;
                        break;
                    case CellOutputsUpdated update:
                        notebook.Cells[update.Cell].Node["outputs"] = update.Outputs.DeepClone();
                        break;
                    case NotebookDone:
                        done = true;
                        break;
                }
            }
        };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();

        string? timeout = null;
        while (!host.WaitForExit(50))
        {
            lock (gate)
            {
                if (kernelSeconds is null && startClock.Elapsed > options.StartupTimeout)
                    timeout = $"the kernel did not start within {options.StartupTimeout.TotalSeconds:0.#} s; the runner stopped it";
                else if (running is { } r && cellClock.Elapsed > options.CellTimeout)
                    timeout = $"cell {r + 1} did not finish within {options.CellTimeout.TotalSeconds:0.#} s (--cell-timeout); the runner stopped the notebook";
                else if (notebookClock.Elapsed > options.NotebookTimeout)
                    timeout = $"the notebook did not finish within {options.NotebookTimeout.TotalSeconds:0.#} s (--notebook-timeout); the runner stopped it";
            }
            if (timeout is null) continue;
            try { host.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            host.WaitForExit();
            break;
        }
        host.WaitForExit(); // drain the output readers
        lock (gate)
        {
            if (timeout is not null)
            {
                MarkFailed(notebook, running, "Timeout", timeout);
                return new HostRun(NotebookStatus.Timeout, timeout, kernelSeconds);
            }
            if (!done)
            {
                string tail;
                lock (stderr) tail = string.Join('\n', stderr.ToString().Split('\n').TakeLast(20));
                var message = $"the kernel host exited with code {host.ExitCode} before finishing: {tail.Trim()}";
                MarkFailed(notebook, running, "ProcessExited", message);
                return new HostRun(NotebookStatus.Crashed, message, kernelSeconds);
            }
            return new HostRun(host.ExitCode == 0 ? NotebookStatus.Ok : NotebookStatus.Failed, null, kernelSeconds);
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
