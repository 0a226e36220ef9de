using System.Text.Json.Nodes;
using Research.Notebooks.Execution;
using Research.Notebooks.Model;

namespace Research.Notebooks.Running;

/// <summary>
/// The child process side: executes one notebook and reports every cell's start and outputs as JSON lines
/// (prefixed with <see cref="Prefix"/>) on the real standard output, so the parent can enforce timeouts and keep
/// the outputs of cells that finished even when it has to kill the child.
/// </summary>
public static class ChildProtocol
{
    public const string Prefix = "@@research-notebook@@ ";

    /// <summary>Runs the notebook at <paramref name="path"/>; exit code 0 when every code cell succeeded.</summary>
    public static async Task<int> RunChildAsync(string path, string baseDirectory)
    {
        var events = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true, NewLine = "\n" };
        var notebook = Notebook.Load(path);
        var outcome = await NotebookExecution.RunAsync(notebook, baseDirectory, new Listener(events));
        await events.WriteLineAsync(Prefix + new JsonObject { ["event"] = "done", ["failures"] = outcome.Failures }.ToJsonString());
        return outcome.Failures == 0 ? 0 : 1;
    }

    private sealed class Listener(StreamWriter events) : IExecutionListener
    {
        public void CellStarted(int index) =>
            events.WriteLine(Prefix + new JsonObject { ["event"] = "start", ["cell"] = index }.ToJsonString());

        public void CellFinished(int index, JsonArray outputs, int? executionCount, bool ok, double seconds) =>
            events.WriteLine(Prefix + new JsonObject
            {
                ["event"] = "end",
                ["cell"] = index,
                ["outputs"] = outputs,
                ["execution_count"] = executionCount,
                ["ok"] = ok,
                ["seconds"] = seconds,
            }.ToJsonString());
    }
}
