using System.CommandLine;
using System.Globalization;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Evaluation;
using Research.Forecasting.Features;
using Research.Forecasting.ML.AutoML;
using Research.Forecasting.Models;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary>
/// <c>research automl</c>: the time-aware AutoML on any long-format CSV (the options of <c>research backtest</c>): searches
/// on validation rounds before the first test round, then backtests the best configuration on the test rounds.
/// </summary>
public static class AutoMLCommand
{
    private static readonly Option<double> Budget = new("--budget") { Description = "Search budget in seconds (0 = none; then --trials).", DefaultValueFactory = _ => 600 };
    private static readonly Option<int> Trials = new("--trials") { Description = "Trial limit (0 = none).", DefaultValueFactory = _ => 0 };
    private static readonly Option<string> Tuner = new("--tuner") { Description = "cfo or random.", DefaultValueFactory = _ => "cfo" };
    private static readonly Option<int> Validation = new("--validation-rounds") { Description = "Validation rounds before the first test round.", DefaultValueFactory = _ => 4 };
    private static readonly Option<string> MetricName = new("--metric") { Description = "Validation metric (lower is better).", DefaultValueFactory = _ => "mape" };
    private static readonly Option<string> Families = new("--families") { Description = "Model families to search.", DefaultValueFactory = _ => "lgbm,fasttree,linear" };

    public static Command Create()
    {
        var command = new Command("automl",
            "Time-aware AutoML (LightGBM, FastTree, linear on ML.NET) on any long-format CSV: searches on validation rounds before the first test round, "
            + "then backtests the best configuration (the data, protocol and output options of research backtest).")
        {
            Budget, Trials, Tuner, Validation, MetricName, Families,
        };
        BacktestCommand.AddDataOptions(command);
        command.SetAction(r =>
        {
            var q = BacktestCommand.Parse(r, models: false);
            var budget = r.GetValue(Budget);
            var trials = OptionValues.AtLeast("--trials", r.GetValue(Trials), 0);
            if (budget < 0) throw new UsageException("--budget", budget.ToString(CultureInfo.InvariantCulture), "seconds, 0 or more");
            if (budget == 0 && trials == 0) throw new UsageException("--budget", "0", "a search without a time budget needs a --trials limit");
            var tuner = r.GetValue(Tuner)!.Trim().ToLowerInvariant() switch
            {
                "cfo" => TunerKind.Cfo,
                "random" => TunerKind.Random,
                var t => throw new UsageException("--tuner", t, "use cfo or random"),
            };
            var validation = OptionValues.AtLeast("--validation-rounds", r.GetValue(Validation), 1);
            Metric metric;
            try { metric = Metric.FromName(r.GetValue(MetricName)!); }
            catch (ArgumentException e) { throw new UsageException("--metric", r.GetValue(MetricName), e.Message); }
            var families = OptionValues.List("--families", r.GetValue(Families));
            return BacktestRun.Execute(q, (panel, test, context, setting) =>
            {
                var features = FeatureSets.Default(setting.SeasonLength, setting.Regressors, setting.Transform);
                var automl = new AutoMLForecaster(features)
                {
                    BudgetSeconds = budget,
                    MaxTrials = trials,
                    Tuner = tuner,
                    ValidationRounds = validation,
                    Metric = metric,
                    Families = families,
                };
                var searched = Search(panel, automl, test, context);
                WriteLeaderboard(searched.Experiment, metric.Name);
                return new BacktestRun.OwnModels([searched], output => output.WriteText("leaderboard.csv", searched.Experiment.Csv(seconds: true)));
            });
        });
        return command;
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
}
