using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Research.Notebooks.Model;
using Research.Notebooks.Protocol;

namespace Research.Notebooks.Kernel;

/// <summary>What running a notebook did.</summary>
public sealed record SessionOutcome(int CodeCells, int CellsRun, int Failures, int? FailedCell);

/// <summary>
/// Runs the code cells of a notebook in order on one kernel (<see cref="KernelComposition"/>), writing each cell's
/// outputs as nbformat outputs, the way Jupyter front ends save them (displays as <c>display_data</c>, the last
/// expression as <c>execute_result</c>, console output as streams, an update of a display in place). Stops at the first
/// failing cell, as papermill does: later cells keep no outputs and no execution count.
/// </summary>
public sealed class NotebookSession : IAsyncDisposable
{
    private readonly CompositeKernel _kernel;
    private readonly CSharpKernel _csharp;
    private readonly SubmissionCells _submissions = new();
    private int _recordedSubmissions;
    private readonly Dictionary<string, int> _displayCell = new(StringComparer.Ordinal);
    private readonly Dictionary<int, CellOutputs> _outputs = [];

    private NotebookSession(CompositeKernel kernel)
    {
        _kernel = kernel;
        _csharp = kernel.ChildKernels.OfType<CSharpKernel>().Single();
    }

    /// <summary>Composes the kernel and compiles one throw-away expression, so Roslyn's start-up is over before any cell runs.</summary>
    public static async Task<NotebookSession> StartAsync()
    {
        var session = new NotebookSession(KernelComposition.Create());
        var warmUp = await session._kernel.SendAsync(new SubmitCode("0", session._csharp.Name));
        if (warmUp.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException($"the C# kernel failed to start: {failed.Message}");
        return session;
    }

    /// <summary>Runs the notebook; <paramref name="report"/> receives each cell's start and end (and updates of earlier cells).</summary>
    public async Task<SessionOutcome> RunAsync(Notebook notebook, Action<KernelHostEvent>? report = null)
    {
        var codeCells = notebook.Cells.Count(c => c.IsCode);
        var executionCount = 0;
        int? failed = null;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            if (failed is not null)
            {
                cell.SetOutputs([], null);
                continue;
            }
            report?.Invoke(new CellStarted(cell.Index));
            var watch = Stopwatch.StartNew();
            executionCount++;
            var (outputs, updatedEarlier) = await RunCellAsync(cell, executionCount);
            var json = outputs.ToJson();
            cell.SetOutputs(json, executionCount);
            var ok = !outputs.HasError;
            report?.Invoke(new CellFinished(cell.Index, (System.Text.Json.Nodes.JsonArray)json.DeepClone(), executionCount, ok, watch.Elapsed.TotalSeconds));
            foreach (var earlier in updatedEarlier)
            {
                var earlierJson = _outputs[earlier].ToJson();
                notebook.Cells[earlier].Node["outputs"] = earlierJson;
                report?.Invoke(new CellOutputsUpdated(earlier, (System.Text.Json.Nodes.JsonArray)earlierJson.DeepClone()));
            }
            if (!ok) failed = cell.Index;
        }
        return new SessionOutcome(codeCells, executionCount, failed is null ? 0 : 1, failed);
    }

    private async Task<(CellOutputs Outputs, IReadOnlySet<int> UpdatedEarlier)> RunCellAsync(NotebookCell cell, int executionCount)
    {
        var outputs = new CellOutputs();
        _outputs[cell.Index] = outputs;
        var updatedEarlier = new SortedSet<int>();
        var cellNumber = cell.Index + 1;
        var language = cell.Language;
        var target = language is null or KernelLanguage.CSharp ? _csharp.Name : language;
        var result = await _kernel.SendAsync(new SubmitCode(cell.Source, target));
        RecordSubmissions(cellNumber, cell.Source);
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case StandardOutputValueProduced o:
                    outputs.Write("stdout", Text(o));
                    break;
                case StandardErrorValueProduced o:
                    outputs.Write("stderr", Text(o));
                    break;
                case DisplayedValueUpdated u:
                    if (u.ValueId is { } id && _displayCell.TryGetValue(id, out var owner) && _outputs[owner].Update(id, Bundle(u)) && owner != cell.Index)
                        updatedEarlier.Add(owner);
                    break;
                case ReturnValueProduced r when r.Value is not DisplayedValue:
                    outputs.Result(Bundle(r), executionCount);
                    break;
                case DisplayedValueProduced d:
                    outputs.Display(Bundle(d), d.ValueId);
                    if (d.ValueId is { Length: > 0 } displayId) _displayCell[displayId] = cell.Index;
                    break;
                case CommandFailed f when f.Command == result.Command || f.Command is SubmitCode:
                    var diagnostics = result.Events.OfType<DiagnosticsProduced>().SelectMany(p => p.Diagnostics).ToArray();
                    var (name, value, traceback) = f.Exception switch
                    {
                        CodeSubmissionCompilationErrorException => CellErrors.Compilation(cellNumber, diagnostics, f.Message),
                        null => CellErrors.Kernel(cellNumber, f.Message),
                        var ex => CellErrors.Exception(ex, cellNumber, _submissions),
                    };
                    if (!outputs.HasError) outputs.Error(name, value, traceback);
                    break;
            }
        }
        return (outputs, updatedEarlier);
    }

    /// <summary>Records the Roslyn submissions the cell compiled (those newer than the last one recorded).</summary>
    private void RecordSubmissions(int cellNumber, string source)
    {
        var chain = new List<string>();
        for (var script = _csharp.ScriptState?.Script; script is not null; script = script.Previous) chain.Add(script.Code);
        chain.Reverse();
        for (var n = _recordedSubmissions; n < chain.Count; n++) _submissions.Record(n, cellNumber, chain[n], source);
        _recordedSubmissions = chain.Count;
    }

    private static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? e.Value?.ToString() ?? "";

    private static IEnumerable<KeyValuePair<string, string>> Bundle(DisplayEvent e) =>
        e.FormattedValues.Select(v => new KeyValuePair<string, string>(v.MimeType, v.Value));

    public ValueTask DisposeAsync()
    {
        _kernel.Dispose();
        return ValueTask.CompletedTask;
    }
}
