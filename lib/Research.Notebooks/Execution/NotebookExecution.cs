using System.Diagnostics;
using System.Text.Json.Nodes;
using Research.Notebooks.Model;

namespace Research.Notebooks.Execution;

/// <summary>Receives progress of an execution (the child process forwards it to the runner).</summary>
public interface IExecutionListener
{
    void CellStarted(int index);

    void CellFinished(int index, JsonArray outputs, int? executionCount, bool ok, double seconds);
}

/// <summary>What an in-process execution did.</summary>
public sealed record ExecutionOutcome(int CodeCells, int CellsRun, int Failures, int? FailedCell);

/// <summary>
/// Executes the code cells of a notebook in order in this process, writing outputs into the notebook's cells.
/// Stops at the first failing cell (as papermill does): later cells keep no outputs and no execution count.
/// </summary>
public static class NotebookExecution
{
    public static async Task<ExecutionOutcome> RunAsync(Notebook notebook, string baseDirectory, IExecutionListener? listener = null)
    {
        var session = new ScriptSession(baseDirectory);
        var defaultLanguage = notebook.DefaultLanguage;
        var codeCells = notebook.Cells.Count(c => c.IsCode);
        var executionCount = 0;
        var run = 0;
        int? failed = null;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            if (failed is not null)
            {
                cell.SetOutputs([], null);
                continue;
            }
            listener?.CellStarted(cell.Index);
            var watch = Stopwatch.StartNew();
            var outputs = new CellOutputs();
            executionCount++;
            run++;
            bool ok;
            var language = cell.Language ?? defaultLanguage;
            if (language != KernelLanguage.CSharp)
            {
                outputs.Error("UnsupportedLanguage", $"cell {cell.Index + 1} is {language}; the headless runner executes C# cells only", []);
                ok = false;
            }
            else
            {
                ok = await session.RunAsync(Directives.Prepare(cell.Source, baseDirectory), cell.Index + 1, executionCount, outputs);
            }
            var json = outputs.ToJson();
            cell.SetOutputs(json, executionCount);
            listener?.CellFinished(cell.Index, (JsonArray)json.DeepClone(), executionCount, ok, watch.Elapsed.TotalSeconds);
            if (!ok) failed = cell.Index;
        }
        return new ExecutionOutcome(codeCells, run, failed is null ? 0 : 1, failed);
    }
}
