using System.CommandLine;
using Research.Cli.Bench;
using Research.Cli.Commands;

namespace Research.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Retail forecasting research: notebooks, benchmarks, backtests.");
        root.Subcommands.Add(NotebookCommands.Notebooks());
        root.Subcommands.Add(NotebookCommands.Results());
        root.Subcommands.Add(BenchCommand());
        return root.Parse(args).Invoke();
    }

    private static Command BenchCommand()
    {
        var bench = new Command("bench", "Measure the library against its reference implementations.");

        var runs = new Option<int>("--runs") { Description = "Fresh processes per contender.", DefaultValueFactory = _ => 5 };
        var python = new Option<string>("--python") { Description = "Python with pandas (Debian's).", DefaultValueFactory = _ => "/usr/bin/python3" };
        var output = new Option<string?>("--out") { Description = "Write the figures as JSON here.", DefaultValueFactory = _ => "artifacts/bench/load.json" };
        var child = new Option<LoadBenchmark.Child>("--child") { Hidden = true, DefaultValueFactory = _ => LoadBenchmark.Child.None };
        var load = new Command("load", "Load Rossmann train.csv.gz into a panel vs pandas read_csv, in fresh processes.") { runs, python, output, child };
        load.SetAction(r =>
        {
            var mode = r.GetValue(child);
            return mode != LoadBenchmark.Child.None
                ? LoadBenchmark.RunChild(mode)
                : LoadBenchmark.Run(r.GetValue(runs), r.GetValue(python)!, r.GetValue(output));
        });
        bench.Subcommands.Add(load);

        var execRuns = new Option<int>("--runs") { Description = "Fresh processes.", DefaultValueFactory = _ => 5 };
        var cells = new Option<int>("--cells") { Description = "Trivial cells per notebook.", DefaultValueFactory = _ => 30 };
        var execOut = new Option<string?>("--out") { Description = "Write the figures as JSON here.", DefaultValueFactory = _ => "artifacts/bench/executor.json" };
        var executor = new Command("executor", "Notebook executor: process start to first cell result, and per-cell overhead.") { execRuns, cells, execOut };
        executor.SetAction(r => ExecutorBenchmark.Run(r.GetValue(execRuns), r.GetValue(cells), r.GetValue(execOut)));
        bench.Subcommands.Add(executor);
        return bench;
    }
}
