using System.CommandLine;
using Research.Cli.Bench;
using Research.Forecasting.Benchmarks;
using Research.Cli.Commands;
using Research.Cli.Infrastructure;

namespace Research.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Error);

    /// <summary>
    /// Parses and runs a command line. Every verb shares one error convention (<see cref="CliErrors"/>): a parse error
    /// or a usage or input error prints one line <c>error: ...</c> naming the option, file, line or column and exits
    /// with 2; a failed run exits with 1; no stack traces (unless <c>RESEARCH_TRACE=1</c>).
    /// </summary>
    public static int Run(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var root = new RootCommand("Retail forecasting research: notebooks, benchmarks, backtests.");
        root.Subcommands.Add(NotebookCommands.Notebooks());
        root.Subcommands.Add(NotebookCommands.Results());
        root.Subcommands.Add(BenchCommand());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(AutoMLCommand.Create());
        root.Subcommands.Add(RecommendCommand.Create());
        root.Subcommands.Add(InventoryCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = string.Join(' ', parsed.CommandResult.Command.Name == root.Name ? [] : Ancestry(parsed.CommandResult));
            error.WriteLine($"error: {string.Join(" ", parsed.Errors.Select(e => e.Message))} (see research {command}{(command.Length > 0 ? " " : "")}--help)");
            return ExitCodes.Usage;
        }
        try
        {
            // no default handler: exceptions come here, to the one convention; SIGTERM ends the process at once
            // (an output folder is swapped in as a unit, so a killed run leaves the previous one intact)
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, error);
        }
    }

    private static IEnumerable<string> Ancestry(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r?.Parent is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Add(r.Command.Name);
        names.Reverse();
        return names;
    }

    private static Command BenchCommand()
    {
        var bench = new Command("bench", "Measure the library against its reference implementations.");

        var runs = new Option<int>("--runs") { Description = "Fresh processes per contender.", DefaultValueFactory = _ => 5 };
        var python = new Option<string>("--python") { Description = "Python with pandas (Debian's).", DefaultValueFactory = _ => "/usr/bin/python3" };
        var output = new Option<string?>("--out") { Description = "Write the figures as JSON here.", DefaultValueFactory = _ => "artifacts/bench/load.json" };
        var loadCase = new Option<string>("--case")
        {
            Description = "rossmann (data/rossmann/train.csv.gz), generated (a 5-million-row, ~200 MB CSV written once under artifacts/bench/), or all.",
            DefaultValueFactory = _ => "all",
        };
        var child = new Option<LoadBenchmark.Child>("--child") { Hidden = true, DefaultValueFactory = _ => LoadBenchmark.Child.None };
        var childFile = new Option<string?>("--child-file") { Hidden = true };
        var load = new Command("load", "Load a CSV into a panel vs pandas read_csv, in fresh processes: time and peak memory.") { runs, python, output, loadCase, child, childFile };
        load.SetAction(r =>
        {
            var mode = r.GetValue(child);
            if (mode != LoadBenchmark.Child.None) return LoadBenchmark.RunChild(mode, r.GetValue(childFile));
            var cases = r.GetValue(loadCase)!.Trim().ToLowerInvariant() switch
            {
                "all" => LoadBenchmark.Cases.All,
                "rossmann" => LoadBenchmark.Cases.Rossmann,
                "generated" => LoadBenchmark.Cases.Generated,
                var c => throw new UsageException("--case", c, "use rossmann, generated or all"),
            };
            return LoadBenchmark.Run(OptionValues.AtLeast("--runs", r.GetValue(runs), 1), r.GetValue(python)!, r.GetValue(output), cases);
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
        var ojOut = new Option<string>("--out") { Description = "Output folder (metrics.json, timings.json, forecasts.csv.gz, failures.csv, manifest.json, run.json), replaced as a unit.", DefaultValueFactory = _ => Path.Combine("artifacts", "bench", "oj") };
        var ojThreads = new Option<int>("--threads") { Description = "Threads across series.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var ojSeed = new Option<int>("--seed") { Description = "The run's seed.", DefaultValueFactory = _ => 42 };
        var ojLevels = new Option<string>("--levels") { Description = "Prediction-interval levels in percent, comma-separated, or 'none'.", DefaultValueFactory = _ => "none" };
        var ojBudget = new Option<double>("--automl-budget") { Description = "Search budget of the automl model in seconds.", DefaultValueFactory = _ => 600 };
        var ojTrials = new Option<int>("--automl-trials") { Description = "Trial limit of the automl model (0 = none).", DefaultValueFactory = _ => 0 };
        var oj = new Command("oj", "The orange-juice benchmark (microsoft/forecasting protocol) over the named models.") { ojModels, ojRounds, ojOut, ojThreads, ojSeed, ojLevels, ojBudget, ojTrials };
        oj.SetAction(r => OrangeJuiceCommand.Run(r.GetValue(ojModels)!, OptionValues.AtLeast("--rounds", r.GetValue(ojRounds), 1), r.GetValue(ojOut)!,
            OptionValues.AtLeast("--threads", r.GetValue(ojThreads), 1), r.GetValue(ojSeed), r.GetValue(ojLevels)!, r.GetValue(ojBudget), r.GetValue(ojTrials),
            [.. r.Tokens.Select(t => t.Value)]));
        bench.Subcommands.Add(oj);

        var gbmTrees = new Option<int>("--trees") { Description = "Boosting rounds.", DefaultValueFactory = _ => 500 };
        var gbmLeaves = new Option<int>("--leaves") { Description = "Maximum leaves per tree.", DefaultValueFactory = _ => 255 };
        var gbmDepth = new Option<int>("--depth") { Description = "Maximum depth.", DefaultValueFactory = _ => 8 };
        var gbmThreads = new Option<int>("--threads") { Description = "Threads of each trainer.", DefaultValueFactory = _ => 2 };
        var gbmRepeats = new Option<int>("--repeats") { Description = "Timed fits (best is kept).", DefaultValueFactory = _ => 3 };
        var gbmPython = new Option<string>("--python") { Description = "Python with xgboost (Debian's).", DefaultValueFactory = _ => "/usr/bin/python3" };
        var gbmOut = new Option<string?>("--out") { DefaultValueFactory = _ => "artifacts/bench/gbm.json" };
        var gbm = new Command("gbm", "LightGBM (ML.NET trainer and native) vs xgboost on the same orange-juice feature matrix and tree shape.")
        {
            gbmTrees, gbmLeaves, gbmDepth, gbmThreads, gbmRepeats, gbmPython, gbmOut,
        };
        gbm.SetAction(r => BoostingBenchmark.Run(new Forecasting.ML.Benchmarks.TreeShape(r.GetValue(gbmTrees), r.GetValue(gbmLeaves), r.GetValue(gbmDepth)),
            r.GetValue(gbmThreads), r.GetValue(gbmRepeats), r.GetValue(gbmPython)!, r.GetValue(gbmOut)));
        bench.Subcommands.Add(gbm);

        var rmModels = new Option<string>("--models") { Description = "Comma-separated models (see research models).", DefaultValueFactory = _ => "naive,snaive,mean" };
        var rmRounds = new Option<int>("--rounds") { Description = "Origins of the protocol (the last ones are kept).", DefaultValueFactory = _ => RossmannBenchmark.Rounds };
        var rmStores = new Option<int>("--stores") { Description = "The first this many stores (0 = all 1,115).", DefaultValueFactory = _ => 0 };
        var rmOut = new Option<string>("--out") { Description = "Output folder (metrics.json, timings.json, forecasts.csv.gz, failures.csv, manifest.json, run.json), replaced as a unit.", DefaultValueFactory = _ => Path.Combine("artifacts", "bench", "rossmann") };
        var rmThreads = new Option<int>("--threads") { Description = "Threads across series.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var rmSeed = new Option<int>("--seed") { Description = "The run's seed.", DefaultValueFactory = _ => 42 };
        var rossmann = new Command("rossmann", "The Rossmann protocol: 6-week forecasts of daily store sales from three origins ending 2015-07-31, open days, RMSPE and MAPE.")
        {
            rmModels, rmRounds, rmStores, rmOut, rmThreads, rmSeed,
        };
        rossmann.SetAction(r => RossmannCommand.Run(r.GetValue(rmModels)!, OptionValues.AtLeast("--rounds", r.GetValue(rmRounds), 1), r.GetValue(rmStores), r.GetValue(rmOut)!,
            OptionValues.AtLeast("--threads", r.GetValue(rmThreads), 1), r.GetValue(rmSeed), [.. r.Tokens.Select(t => t.Value)]));
        bench.Subcommands.Add(rossmann);

        var withR = new Option<bool>("--r") { Description = "Also run R's auto.arima timing (tests/reference/arima_timing.R; a few minutes; needs Rscript with the forecast package)." };
        var repeats = new Option<int>("--repeats") { Description = "Timed passes over the series (best is kept).", DefaultValueFactory = _ => 3 };
        var arimaOut = new Option<string?>("--out") { DefaultValueFactory = _ => "artifacts/bench/arima.json" };
        var arima = new Command("arima", "AutoARIMA vs R auto.arima on the 913 orange-juice series, single thread each.") { withR, repeats, arimaOut };
        arima.SetAction(r => ArimaBenchmark.Run(r.GetValue(withR), OptionValues.AtLeast("--repeats", r.GetValue(repeats), 1), r.GetValue(arimaOut)));
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
