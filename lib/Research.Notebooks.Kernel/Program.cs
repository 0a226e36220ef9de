using System.Diagnostics;
using Research.Notebooks.Model;
using Research.Notebooks.Protocol;

namespace Research.Notebooks.Kernel;

/// <summary>
/// <c>research-kernel &lt;notebook.ipynb&gt; --base-dir &lt;folder&gt;</c>: runs one notebook on the kernel and reports
/// to the runner on standard output (<see cref="KernelHostProtocol"/>). Exit code 0 when every cell succeeded.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var watch = Stopwatch.StartNew();
        if (KernelHostProtocol.ParseArguments(args) is not var (path, baseDirectory))
        {
            await Console.Error.WriteLineAsync("usage: research-kernel <notebook.ipynb> --base-dir <folder>");
            return 2;
        }
        // events go to the real standard output: the kernel redirects Console while a cell runs
        var events = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true, NewLine = "\n" };
        void Report(KernelHostEvent e)
        {
            lock (events) events.WriteLine(KernelHostProtocol.Format(e));
        }

        var notebook = Notebook.Load(path);
        Directory.SetCurrentDirectory(baseDirectory); // #r and relative paths resolve against the notebook's folder
        await using var session = await NotebookSession.StartAsync();
        Report(new KernelReady(watch.Elapsed.TotalSeconds));
        var outcome = await session.RunAsync(notebook, Report);
        Report(new NotebookDone(outcome.Failures));
        return outcome.Failures == 0 ? 0 : 1;
    }
}
