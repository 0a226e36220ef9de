using System.CommandLine;
using System.Globalization;
using Research.Cli.Infrastructure;
using Research.Forecasting.Data;
using Research.Forecasting.IO;
using Research.Forecasting.Models;

namespace Research.Cli.Commands;

/// <summary>How the grid of a series with missing periods is completed (<c>--fill</c>).</summary>
public enum GridFill
{
    /// <summary>A series with a missing period is an error naming it and the period (the default).</summary>
    Refuse,
    /// <summary>Missing periods become rows with a missing target: models see the gap, the period is not scored.</summary>
    None,
    /// <summary>Missing periods (and missing target values) take the last value before them; they are not scored.</summary>
    Ffill,
    /// <summary>Missing periods (and missing target values) are zero, e.g. no sales recorded means none made; they are scored as zeros.</summary>
    Zero,
    /// <summary>Linear interpolation in time; not scored.</summary>
    Linear,
    /// <summary>The value one season earlier; not scored.</summary>
    Seasonal,
}

/// <summary><c>research backtest</c>: the backtester over any long-format CSV.</summary>
public static class BacktestCommand
{
    private static readonly Option<string> Data = new("--data") { Description = "Long-format .csv or .csv.gz (one row per series and period).", Required = true };
    private static readonly Option<string> Id = new("--id") { Description = "Comma-separated columns that identify a series.", Required = true };
    private static readonly Option<string> Time = new("--time") { Description = "Time column: ISO dates (yyyy-MM-dd), or integers for --freq periods.", Required = true };
    private static readonly Option<string> Freq = new("--freq") { Description = "daily, weekly, weekly:<weekday> (weeks starting on that day, e.g. weekly:friday), monthly, or periods (integers).", Required = true };
    private static readonly Option<string> Target = new("--target") { Description = "Target column (numbers; empty, NA or NaN = missing).", Required = true };
    private static readonly Option<string?> Dynamic = new("--dynamic")
    {
        Description = "Comma-separated dynamic covariates known in advance, each name[:bool|:category][:fill=zero|ffill|linear|seasonal|none] "
            + "(e.g. IsHoliday:bool,MarkDown1:fill=zero). Without a fill a missing value is an error.",
    };
    private static readonly Option<string?> Static = new("--static") { Description = "Comma-separated static covariates (one value per series), each name[:bool|:category]." };
    private static readonly Option<string?> Regressors = new("--regressors")
    {
        Description = "Dynamic covariates used as regressors by the models that take regressors (see research models), or 'none'. Default: every numeric and boolean dynamic covariate.",
    };
    private static readonly Option<int> Horizon = new("--horizon") { Description = "Periods evaluated per round.", Required = true };
    private static readonly Option<int> Gap = new("--gap") { Description = "First evaluated period = cutoff + gap (1 = the next period).", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> Step = new("--step") { Description = "Periods between cutoffs.", DefaultValueFactory = _ => 1 };
    private static readonly Option<int> Rounds = new("--rounds") { Description = "Rounds (origins).", Required = true };
    private static readonly Option<string?> End = new("--end") { Description = "Last period evaluated, an ISO date (an integer for --freq periods); default: the last period in the data." };
    private static readonly Option<int?> Season = new("--season") { Description = "Season length for seasonal models and the MASE scale (default: 7 daily, 52 weekly, 12 monthly, 1 periods)." };
    private static readonly Option<string> Transform = new("--transform") { Description = "Target transform the models fit on: none, log (values must be > 0) or log1p (values > -1).", DefaultValueFactory = _ => "none" };
    private static readonly Option<string?> Offset = new("--offset")
    {
        Description = "Constant c added to the target before the transform (log(y + c), log1p(y + c)) and removed from the forecasts: a number, or 'auto' (c = 1 - min(y) for log, -min(y) for log1p, 0 when every value is already valid). Recorded in metrics.json.",
    };
    private static readonly Option<string> Fill = new("--fill")
    {
        Description = "Missing periods in a series: refuse (error naming the series and period), none (missing target, not scored), ffill, linear, seasonal (filled, not scored) or zero (scored as zeros).",
        DefaultValueFactory = _ => "refuse",
    };
    private static readonly Option<string> Levels = new("--levels") { Description = "Prediction-interval levels in percent, comma-separated, or 'none'.", DefaultValueFactory = _ => "80,95" };
    private static readonly Option<string> Models = new("--models") { Description = "Comma-separated models (see research models).", Required = true };
    private static readonly Option<string> Output = new("--out")
    {
        Description = "Output folder (metrics.json, timings.json, forecasts.csv.gz, failures.csv, manifest.json, run.json), replaced as a unit.",
        DefaultValueFactory = _ => Path.Combine("artifacts", "backtest"),
    };
    private static readonly Option<int> Threads = new("--threads") { Description = "Threads across series (results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<int> Seed = new("--seed") { Description = "The run's seed.", DefaultValueFactory = _ => 42 };

    private static readonly Option<string?> Shard = new("--shard")
    {
        Description = "K/N: backtest only shard K (0..N-1) of the series, assigned by a stable hash of the series key (K may be a "
            + "Kubernetes JOB_COMPLETION_INDEX); writes a partial output folder that research merge combines with the other shards "
            + "into exactly what one unsharded run writes. Local models only (each series fit on its own).",
    };

    public static Command Create()
    {
        var command = new Command("backtest", "Rolling-origin backtest of the named models on any long-format CSV.") { Models, Shard };
        AddDataOptions(command);
        command.SetAction(r => BacktestRun.Execute(Parse(r) with { Shard = ParseShard(r.GetValue(Shard)) }));
        return command;
    }

    /// <summary><c>--shard K/N</c> with 0 &lt;= K &lt; N, or null when not given.</summary>
    public static (int Index, int Count)? ParseShard(string? text)
    {
        if (text is null) return null;
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new UsageException("--shard", text, "expected K/N, e.g. 0/4 (shard K of N, counted from 0 like JOB_COMPLETION_INDEX)");
        if (n < 1) throw new UsageException("--shard", text, "N, the number of shards, is at least 1");
        if (k >= n) throw new UsageException("--shard", text, $"K counts from 0: the shards of {n} are 0..{n - 1}");
        return (k, n);
    }

    /// <summary>The options of the data, the protocol and the output, shared by every verb that backtests a CSV (<c>backtest</c>, <c>automl</c>).</summary>
    public static void AddDataOptions(Command command)
    {
        foreach (var option in new Option[] { Data, Id, Time, Freq, Target, Dynamic, Static, Regressors, Horizon, Gap, Step, Rounds, End, Season, Transform, Offset, Fill, Levels, Output, Threads, Seed })
            command.Options.Add(option);
    }

    /// <summary>
    /// Everything that can be checked before the data is read, checked; each problem names its option. Without
    /// <paramref name="models"/> the verb supplies its own model (<c>automl</c>) and <c>--models</c> is not read.
    /// </summary>
    public static BacktestRequest Parse(ParseResult r, bool models = true)
    {
        var frequency = ParseFrequency(r.GetValue(Freq)!);
        var dynamic = ColumnDeclaration.ParseList("--dynamic", r.GetValue(Dynamic), allowFill: true);
        var statics = ColumnDeclaration.ParseList("--static", r.GetValue(Static), allowFill: false);
        var ids = OptionValues.List("--id", r.GetValue(Id));
        if (ids.Length == 0) throw new UsageException("--id", r.GetValue(Id), "names no column");
        var target = r.GetValue(Target)!.Trim();
        if (target.Length == 0) throw new UsageException("--target", "names no column");
        var time = r.GetValue(Time)!.Trim();
        if (time.Length == 0) throw new UsageException("--time", "names no column");
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        void Use(string column, string option)
        {
            if (!used.TryAdd(column, option))
                throw new UsageException(option, column, $"the column is already given to {used[column]}");
        }
        foreach (var c in ids) Use(c, "--id");
        Use(time, "--time");
        Use(target, "--target");
        foreach (var c in dynamic) Use(c.Name, "--dynamic");
        foreach (var c in statics) Use(c.Name, "--static");

        string[]? regressors = null;
        var regressorText = r.GetValue(Regressors);
        if (regressorText is not null)
        {
            regressors = regressorText.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? [] : OptionValues.List("--regressors", regressorText);
            foreach (var x in regressors)
            {
                var d = dynamic.FirstOrDefault(c => c.Name == x)
                    ?? throw new UsageException("--regressors", x, $"is not a dynamic covariate; --dynamic declares: {(dynamic.Count == 0 ? "none" : string.Join(", ", dynamic.Select(c => c.Name)))}");
                if (d.Kind == ColumnKind.Category)
                    throw new UsageException("--regressors", x, "is a category column: a linear regressor needs numbers or booleans");
            }
        }

        var transform = r.GetValue(Transform)!.Trim().ToLowerInvariant() switch
        {
            "none" => TargetTransform.None,
            "log" => TargetTransform.Log,
            "log1p" => TargetTransform.Log1p,
            var t => throw new UsageException("--transform", t, "use none, log or log1p"),
        };
        double? offset = null;
        var autoOffset = false;
        if (r.GetValue(Offset) is { } offsetText)
        {
            if (transform == TargetTransform.None) throw new UsageException("--offset", offsetText, "shifts the target before a log transform: give --transform log or log1p too");
            if (offsetText.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase)) autoOffset = true;
            else offset = OptionValues.Number("--offset", offsetText);
        }
        var fill = r.GetValue(Fill)!.Trim().ToLowerInvariant() switch
        {
            "refuse" => GridFill.Refuse,
            "none" => GridFill.None,
            "ffill" => GridFill.Ffill,
            "zero" => GridFill.Zero,
            "linear" => GridFill.Linear,
            "seasonal" => GridFill.Seasonal,
            var f => throw new UsageException("--fill", f, "use refuse, none, ffill, zero, linear or seasonal"),
        };
        var levelsText = r.GetValue(Levels)!;
        double[] levels = levelsText.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) ? []
            : [.. OptionValues.List("--levels", levelsText).Select(l =>
            {
                var v = OptionValues.Number("--levels", l);
                return v is > 0 and < 100 ? v : throw new UsageException("--levels", l, "an interval level is a percentage strictly between 0 and 100");
            })];

        var modelNames = models ? OptionValues.List("--models", r.GetValue(Models)) : [];
        if (models && modelNames.Length == 0) throw new UsageException("--models", r.GetValue(Models), "names no model; see research models");
        foreach (var m in modelNames)
            if (!Catalog.Models.Contains(m))
                throw new UsageException("--models", m, $"is not a model; known models: {string.Join(", ", Catalog.Models.Entries.Select(e => e.Name))} (research models lists them with their options)");

        var output = r.GetValue(Output)!;
        if (OutputFolder.Problem(output) is { } outProblem) throw new UsageException("--out", output, outProblem);
        var data = r.GetValue(Data)!;
        if (Directory.Exists(data)) throw new UsageException("--data", data, "is a folder, not a data file");
        if (!File.Exists(data)) throw new UsageException("--data", data, $"file not found (working directory {Environment.CurrentDirectory})");

        var season = r.GetValue(Season);
        return new BacktestRequest
        {
            Data = data,
            Ids = ids,
            Time = time,
            Frequency = frequency,
            FrequencyText = r.GetValue(Freq)!.Trim(),
            Target = target,
            Dynamic = dynamic,
            Static = statics,
            Regressors = regressors,
            Horizon = OptionValues.AtLeast("--horizon", r.GetValue(Horizon), 1),
            Gap = OptionValues.AtLeast("--gap", r.GetValue(Gap), 1, "1 = forecast the next period"),
            Step = OptionValues.AtLeast("--step", r.GetValue(Step), 1),
            Rounds = OptionValues.AtLeast("--rounds", r.GetValue(Rounds), 1),
            End = r.GetValue(End) is { } end ? (end, OptionValues.Period("--end", end, frequency)) : null,
            SeasonLength = season is { } sl ? OptionValues.AtLeast("--season", sl, 1, "omit it for the frequency's default") : Math.Max(1, frequency.DefaultSeasonLength),
            Transform = transform,
            Offset = offset,
            AutoOffset = autoOffset,
            Fill = fill,
            Levels = levels,
            Models = modelNames,
            Output = output,
            Threads = OptionValues.AtLeast("--threads", r.GetValue(Threads), 1),
            Seed = r.GetValue(Seed),
            CommandLine = [.. r.Tokens.Select(t => t.Value)],
        };
    }

    public static Frequency ParseFrequency(string text) => text.Trim().ToLowerInvariant() switch
    {
        "daily" or "day" or "d" => Frequency.Daily,
        "weekly" or "week" or "w" => Frequency.Weekly(),
        "monthly" or "month" or "m" => Frequency.Monthly,
        "periods" or "period" or "integer" or "n" => Frequency.Periods,
        var t when t.StartsWith("weekly:", StringComparison.Ordinal) && Enum.TryParse<DayOfWeek>(t[7..], ignoreCase: true, out var day) && !int.TryParse(t[7..], out _) => Frequency.Weekly(day),
        _ => throw new UsageException("--freq", text, "use daily, weekly, weekly:<weekday> (e.g. weekly:friday), monthly or periods"),
    };
}

/// <summary>A backtest request whose options are all checked.</summary>
public sealed record BacktestRequest
{
    public required string Data { get; init; }
    public required IReadOnlyList<string> Ids { get; init; }
    public required string Time { get; init; }
    public required Frequency Frequency { get; init; }
    /// <summary>The --freq text as given (shards record it so research merge can read their tables).</summary>
    public string FrequencyText { get; init; } = "";
    public required string Target { get; init; }
    public required IReadOnlyList<ColumnDeclaration> Dynamic { get; init; }
    public required IReadOnlyList<ColumnDeclaration> Static { get; init; }
    /// <summary>Null: every numeric and boolean dynamic covariate.</summary>
    public required IReadOnlyList<string>? Regressors { get; init; }
    public required int Horizon { get; init; }
    public required int Gap { get; init; }
    public required int Step { get; init; }
    public required int Rounds { get; init; }
    /// <summary>The --end text and its period, or null for the data's last period.</summary>
    public required (string Text, long Period)? End { get; init; }
    public required int SeasonLength { get; init; }
    public required TargetTransform Transform { get; init; }
    public required double? Offset { get; init; }
    public required bool AutoOffset { get; init; }
    public required GridFill Fill { get; init; }
    public required IReadOnlyList<double> Levels { get; init; }
    public required IReadOnlyList<string> Models { get; init; }
    public required string Output { get; init; }
    public required int Threads { get; init; }
    public required int Seed { get; init; }
    /// <summary>Shard K of N (<c>--shard</c>), or null for the whole panel.</summary>
    public (int Index, int Count)? Shard { get; init; }
    /// <summary>The tokens as given, for the manifest.</summary>
    public required IReadOnlyList<string> CommandLine { get; init; }
}
