using System.CommandLine;
using System.Globalization;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Evaluation;
using Research.Forecasting.Features;
using Research.Forecasting.ML;
using Research.Forecasting.ML.AutoML;
using Research.Forecasting.Models;
using Research.Notebooks.Running;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary>
/// <c>research automl</c>: the time-aware AutoML on any long-format CSV (the options of <c>research backtest</c>): searches
/// on validation rounds before the first test round, then backtests the best configuration on the test rounds.
/// </summary>
public static class AutoMLCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Long-format .csv or .csv.gz (one row per series and period).", Required = true };
        var id = new Option<string>("--id") { Description = "Comma-separated columns that identify a series.", Required = true };
        var time = new Option<string>("--time") { Description = "Time column.", Required = true };
        var freq = new Option<string>("--freq") { Description = "daily, weekly, weekly:<weekday>, monthly, or periods (integers).", Required = true };
        var target = new Option<string>("--target") { Description = "Target column.", Required = true };
        var dynamic = new Option<string?>("--dynamic") { Description = "Comma-separated dynamic covariates known in advance." };
        var statics = new Option<string?>("--static") { Description = "Comma-separated static covariates." };
        var horizon = new Option<int>("--horizon") { Description = "Periods evaluated per round.", Required = true };
        var gap = new Option<int>("--gap") { Description = "First forecast period = cutoff + gap (1 = the next period).", DefaultValueFactory = _ => 1 };
        var step = new Option<int>("--step") { Description = "Periods between cutoffs.", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Test rounds (origins).", Required = true };
        var end = new Option<string?>("--end") { Description = "Last period evaluated (default: the last period in the data)." };
        var season = new Option<int>("--season") { Description = "Season length (default: the frequency's).", DefaultValueFactory = _ => 0 };
        var transform = new Option<TargetTransform>("--transform") { Description = "None, Log or Log1p (the features' and models' target scale).", DefaultValueFactory = _ => TargetTransform.None };
        var budget = new Option<double>("--budget") { Description = "Search budget in seconds (0 = none; then --trials).", DefaultValueFactory = _ => 600 };
        var trials = new Option<int>("--trials") { Description = "Trial limit (0 = none).", DefaultValueFactory = _ => 0 };
        var tuner = new Option<TunerKind>("--tuner") { Description = "Cfo or Random.", DefaultValueFactory = _ => TunerKind.Cfo };
        var validation = new Option<int>("--validation-rounds") { Description = "Validation rounds before the first test round.", DefaultValueFactory = _ => 4 };
        var metric = new Option<string>("--metric") { Description = "Validation metric (lower is better).", DefaultValueFactory = _ => "mape" };
        var families = new Option<string>("--families") { Description = "Model families to search.", DefaultValueFactory = _ => "lgbm,fasttree,linear" };
        var seed = new Option<int>("--seed") { Description = "The run's seed (tuner and every fit).", DefaultValueFactory = _ => 42 };
        var output = new Option<string>("--out") { Description = "Folder for leaderboard.csv, metrics.json, timings.json and forecasts.csv.gz.", DefaultValueFactory = _ => Path.Combine("artifacts", "automl") };
        var command = new Command("automl", "Time-aware AutoML (LightGBM, FastTree, linear on ML.NET) on any long-format CSV, then a backtest of the best configuration.")
        {
            data, id, time, freq, target, dynamic, statics, horizon, gap, step, rounds, end, season, transform, budget, trials, tuner, validation, metric, families, seed, output,
        };
        command.SetAction(r =>
        {
            try
            {
                var frequency = BacktestCommand.ParseFrequency(r.GetValue(freq)!);
                var dynamicColumns = Split(r.GetValue(dynamic));
                var schema = new PanelSchema
                {
                    Ids = Split(r.GetValue(id)),
                    Time = r.GetValue(time)!,
                    Frequency = frequency,
                    Target = r.GetValue(target)!,
                    Dynamic = [.. dynamicColumns.Select(c => new ColumnSpec(c))],
                    Static = [.. Split(r.GetValue(statics)).Select(c => new ColumnSpec(c) { AllowMissing = true })],
                };
                var metricValue = Metric.FromName(r.GetValue(metric)!);
                if (r.GetValue(budget) == 0 && r.GetValue(trials) == 0) throw new ArgumentException("--budget 0 needs a --trials limit");
                var panel = PanelLoader.Load(r.GetValue(data)!, schema);
                var endText = r.GetValue(end);
                var options = new BacktestOptions
                {
                    Horizon = r.GetValue(horizon),
                    Gap = r.GetValue(gap),
                    Step = r.GetValue(step),
                    Rounds = r.GetValue(rounds),
                    End = endText is null ? panel.MaxTime : frequency.Parse(endText),
                };
                options.Validate();
                var seasonLength = r.GetValue(season) > 0 ? r.GetValue(season) : Math.Max(1, frequency.DefaultSeasonLength);
                var features = FeatureSets.Default(seasonLength, dynamicColumns, r.GetValue(transform));
                var automl = new AutoMLForecaster(features)
                {
                    BudgetSeconds = r.GetValue(budget),
                    MaxTrials = r.GetValue(trials),
                    Tuner = r.GetValue(tuner),
                    ValidationRounds = r.GetValue(validation),
                    Metric = metricValue,
                    Families = Split(r.GetValue(families)),
                };
                var context = new FitContext(Seed: r.GetValue(seed), Parallelism: MachineLearningModels.Threads);
                var outDir = r.GetValue(output)!;
                var result = Run(panel, automl, options, context, outDir, r.GetValue(data)!);
                Terminal.Out.WriteLine($"{options.Describe(frequency)}; {panel.SeriesCount} series; wrote {outDir}");
                return result;
            }
            catch (Exception e) when (e is DataFormatException or ArgumentException or FileNotFoundException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>Searches, backtests the best configuration, writes the leaderboard and the backtest's files.</summary>
    public static int Run(SeriesPanel panel, AutoMLForecaster automl, BacktestOptions test, FitContext context, string outDir, string dataset)
    {
        var searched = Search(panel, automl, test, context);
        var result = Terminal.Progress("backtest of the best configuration", test.Rounds, step => Backtester.Run(panel, [searched], test, context, roundDone: _ => step(1)));
        Directory.CreateDirectory(outDir);
        searched.Experiment.WriteCsv(Path.Combine(outDir, "leaderboard.csv"));
        AtomicFile.WriteAllText(Path.Combine(outDir, "metrics.json"), Forecasting.Benchmarks.OrangeJuiceBenchmark.MetricsJson(result, panel.SeriesCount)
            .Replace("Dominick's orange juice (bayesm orangeJuice), store x brand", dataset, StringComparison.Ordinal));
        AtomicFile.WriteAllText(Path.Combine(outDir, "timings.json"), Forecasting.Benchmarks.OrangeJuiceBenchmark.TimingsJson(result, automl.Threads));
        result.Table.WriteCsv(Path.Combine(outDir, "forecasts.csv.gz"));
        WriteLeaderboard(searched.Experiment, automl.Metric.Name);
        var score = result.Table.Overall().Single();
        Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"best: {searched.Experiment.Best.Configuration}; test MAPE {score.Metrics.Mape:F2} %, sMAPE {score.Metrics.Smape:F2} %, RMSE {score.Metrics.Rmse:F2}"));
        return 0;
    }

    /// <summary>The search with a progress bar over the budget (or the trials) showing the best score so far; quiet in CI.</summary>
    public static SearchedForecaster Search(SeriesPanel panel, AutoMLForecaster automl, BacktestOptions test, FitContext context)
    {
        var best = double.PositiveInfinity;
        var total = automl.MaxTrials > 0 ? automl.MaxTrials : (int)Math.Ceiling(automl.BudgetSeconds);
        var started = DateTime.UtcNow;
        SearchedForecaster? searched = null;
        if (Terminal.Plain)
            return (SearchedForecaster)automl.Search(panel, test, context);
        Terminal.Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("automl", maxValue: total);
                var reporting = automl with
                {
                    TrialDone = t =>
                    {
                        if (!t.Failed) best = Math.Min(best, t.Score);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"automl: {t.Id + 1} trials, best {automl.Metric.Name} {best:F3}");
                        task.Value = automl.MaxTrials > 0 ? t.Id + 1 : Math.Min(total, (DateTime.UtcNow - started).TotalSeconds);
                    },
                };
                searched = (SearchedForecaster)reporting.Search(panel, test, context);
            });
        return searched!;
    }

    /// <summary>The ten best trials as a table.</summary>
    public static void WriteLeaderboard(ExperimentResult experiment, string metric)
    {
        var table = new Table().AddColumns("rank", "trial", metric, "seconds", "configuration");
        var rank = 0;
        foreach (var t in experiment.Leaderboard.Take(10))
            table.AddRow((++rank).ToString(CultureInfo.InvariantCulture), t.Id.ToString(CultureInfo.InvariantCulture),
                t.Failed ? "failed" : t.Score.ToString("F3", CultureInfo.InvariantCulture), t.Seconds.ToString("F1", CultureInfo.InvariantCulture), Markup.Escape(t.Configuration.ToString()));
        Terminal.Out.Write(table);
        Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{experiment.Trials.Count} trials in {experiment.Seconds:F0} s, stopped by the {experiment.StoppedBecause}"));
    }

    private static string[] Split(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
