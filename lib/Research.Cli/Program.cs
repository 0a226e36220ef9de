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
        root.Subcommands.Add(BacktestCommand.Create());
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

        var ojModels = new Option<string>("--models") { Description = "Comma-separated models (see research models).", DefaultValueFactory = _ => "naive,mean,drift,snaive,arima,arimax" };
        var ojRounds = new Option<int>("--rounds") { Description = "Rounds of the protocol (the last ones are kept).", DefaultValueFactory = _ => 10 };
        var ojOut = new Option<string>("--out") { Description = "Folder for metrics.json, timings.json and forecasts.csv.gz.", DefaultValueFactory = _ => Path.Combine("artifacts", "bench", "oj") };
        var ojThreads = new Option<int>("--threads") { Description = "Threads across series.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var ojSeed = new Option<int>("--seed") { Description = "The run's seed.", DefaultValueFactory = _ => 42 };
        var oj = new Command("oj", "The orange-juice benchmark (microsoft/forecasting protocol) over the named models.") { ojModels, ojRounds, ojOut, ojThreads, ojSeed };
        oj.SetAction(r => OrangeJuiceCommand.Run(r.GetValue(ojModels)!, r.GetValue(ojRounds), r.GetValue(ojOut)!, r.GetValue(ojThreads), r.GetValue(ojSeed)));
        bench.Subcommands.Add(oj);

        var withR = new Option<bool>("--r") { Description = "Also run R's auto.arima timing (tests/reference/arima_timing.R; a few minutes)." };
        var repeats = new Option<int>("--repeats") { Description = "Timed passes over the series (best is kept).", DefaultValueFactory = _ => 3 };
        var arimaOut = new Option<string?>("--out") { DefaultValueFactory = _ => "artifacts/bench/arima.json" };
        var arima = new Command("arima", "AutoARIMA vs R auto.arima on the 913 orange-juice series, single thread each.") { withR, repeats, arimaOut };
        arima.SetAction(r => ArimaBenchmark.Run(r.GetValue(withR), r.GetValue(repeats), r.GetValue(arimaOut)));
        bench.Subcommands.Add(arima);

        var nnEpochs = new Option<int>("--epochs") { Description = "Epochs per run of each contender.", DefaultValueFactory = _ => 2 };
        var nnThreads = new Option<int>("--threads") { Description = "Threads for every contender.", DefaultValueFactory = _ => 2 };
        var nnRepeats = new Option<int>("--repeats") { Description = "Rounds the contenders take turns (best rate is kept).", DefaultValueFactory = _ => 2 };
        var nnPython = new Option<string>("--python") { Description = "Python with torch (Debian's python3-torch).", DefaultValueFactory = _ => "/usr/bin/python3" };
        var nnOut = new Option<string?>("--out") { DefaultValueFactory = _ => "artifacts/bench/neural.json" };
        var neural = new Command("neural", "LSTM training throughput: the library's pipeline and trainer vs a bare TorchSharp loop vs PyTorch.") { nnEpochs, nnThreads, nnRepeats, nnPython, nnOut };
        neural.SetAction(r => NeuralThroughputBenchmark.Run(r.GetValue(nnEpochs), r.GetValue(nnThreads), r.GetValue(nnRepeats), r.GetValue(nnPython)!, r.GetValue(nnOut)));
        bench.Subcommands.Add(neural);
        return bench;
    }
}
