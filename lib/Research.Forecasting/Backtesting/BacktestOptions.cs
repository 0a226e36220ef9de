using Research.Forecasting.Data;

namespace Research.Forecasting.Backtesting;

/// <summary>Whether training data grows with each round or keeps a fixed length.</summary>
public enum TrainingWindow
{
    /// <summary>Train on everything from <see cref="BacktestOptions.Start"/> up to the cutoff.</summary>
    Expanding,
    /// <summary>Train on the last <see cref="BacktestOptions.WindowLength"/> periods up to the cutoff.</summary>
    Sliding,
}

/// <summary>
/// A rolling-origin evaluation protocol. Round r of R has the cutoff
/// <c>c_r = End - Gap - Horizon + 1 - Step·(R - r)</c>: the models train on periods up to <c>c_r</c>
/// and forecast periods <c>c_r + Gap .. c_r + Gap + Horizon - 1</c> (so <see cref="Gap"/> = 1 forecasts the
/// next period, and the last round's window ends at <see cref="End"/>). Example, the orange-juice benchmark
/// of microsoft/forecasting: <c>Start = 40, End = 156, Horizon = 2, Gap = 2, Step = 2, Rounds = 10</c> trains
/// round 1 on weeks 40..135 and forecasts weeks 137 and 138.
/// </summary>
public sealed record BacktestOptions
{
    /// <summary>Periods evaluated per round.</summary>
    public required int Horizon { get; init; }

    /// <summary>Number of rounds (origins).</summary>
    public required int Rounds { get; init; }

    /// <summary>Last period evaluated (time ordinal); the last round's window ends here.</summary>
    public required long End { get; init; }

    /// <summary>First forecast period is the cutoff + Gap (1 = no gap).</summary>
    public int Gap { get; init; } = 1;

    /// <summary>Periods between consecutive cutoffs.</summary>
    public int Step { get; init; } = 1;

    /// <summary>First training period (time ordinal); null = each series' first period.</summary>
    public long? Start { get; init; }

    public TrainingWindow Window { get; init; } = TrainingWindow.Expanding;

    /// <summary>Training length in periods for <see cref="TrainingWindow.Sliding"/>.</summary>
    public int WindowLength { get; init; }

    /// <summary>Refit the models every this many rounds; in between, fitted parameters are applied to the longer history.</summary>
    public int RefitEvery { get; init; } = 1;

    /// <summary>
    /// Dynamic 0/1 column marking rows present in the raw data (see <c>CompleteGrid</c>); rows with 0 get actual = NaN
    /// and so drop out of every metric. Null: every row's target is its actual.
    /// </summary>
    public string? ObservedColumn { get; init; }

    /// <summary>Prediction-interval levels to request from the models (percent); none by default. The table keeps their bounds.</summary>
    public IReadOnlyList<double> Levels { get; init; } = [];

    /// <summary>
    /// Season length m of the MASE scale recorded per row (<see cref="ForecastTable.Scale"/>): the in-sample mean
    /// absolute error of the lag-m naive forecast. 1 (the default) is the naive one-step scale.
    /// </summary>
    public int SeasonLength { get; init; } = 1;

    /// <summary>
    /// A constant c added to the target before the models see it and subtracted from their forecasts and interval
    /// bounds, so that <c>log(y + c)</c> is defined for series with zeros or negative values; actuals and metrics stay
    /// on the original scale. 0 by default.
    /// </summary>
    public double TargetOffset { get; init; }

    /// <summary>Forecast steps each model produces per round: the gap periods and the horizon.</summary>
    public int Steps => Gap + Horizon - 1;

    /// <summary>The cutoff of round <paramref name="round"/> (1-based).</summary>
    public long Cutoff(int round) => End - Gap - Horizon + 1 - (long)Step * (Rounds - round);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the property at fault.</summary>
    public void Validate()
    {
        if (Horizon < 1) throw new ArgumentException($"Horizon must be at least 1, got {Horizon}", nameof(Horizon));
        if (Rounds < 1) throw new ArgumentException($"Rounds must be at least 1, got {Rounds}", nameof(Rounds));
        if (Gap < 1) throw new ArgumentException($"Gap must be at least 1 (1 = forecast the next period), got {Gap}", nameof(Gap));
        if (Step < 1) throw new ArgumentException($"Step must be at least 1, got {Step}", nameof(Step));
        if (RefitEvery < 1) throw new ArgumentException($"RefitEvery must be at least 1, got {RefitEvery}", nameof(RefitEvery));
        if (Window == TrainingWindow.Sliding && WindowLength < 2)
            throw new ArgumentException($"a sliding window needs WindowLength >= 2, got {WindowLength}", nameof(WindowLength));
        if (Start is { } s && Cutoff(1) < s)
            throw new ArgumentException($"round 1's cutoff {Cutoff(1)} is before Start {s}: fewer rounds, a smaller step or a later End", nameof(Rounds));
        if (SeasonLength < 1) throw new ArgumentException($"SeasonLength must be at least 1, got {SeasonLength}", nameof(SeasonLength));
        if (!double.IsFinite(TargetOffset)) throw new ArgumentException($"TargetOffset must be finite, got {TargetOffset}", nameof(TargetOffset));
        foreach (var level in Levels)
            if (!(level > 0 && level < 100)) throw new ArgumentException($"an interval level is a percentage strictly between 0 and 100, got {level}", nameof(Levels));
    }

    /// <summary>
    /// Checks the protocol against the data before any model runs: the last evaluated period must be in the data and
    /// every round must have at least one training period in some series. Throws a <see cref="ProtocolException"/>
    /// naming the property at fault and saying what the data allows.
    /// </summary>
    public void CheckAgainst(SeriesPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        Validate();
        if (panel.RowCount == 0) throw new PanelException("the panel has no rows");
        var f = panel.Frequency;
        long first = panel.MinTime, last = panel.MaxTime;
        var span = $"the data runs from {f.Format(first)} to {f.Format(last)}";
        if (End > last)
            throw new ProtocolException(nameof(End), f.Format(End), $"is after the last period in the data ({f.Format(last)}): nothing there to evaluate");
        var firstTraining = Math.Max(first, Start ?? long.MinValue);
        if (Cutoff(1) < firstTraining)
        {
            // the largest R with End - Gap - Horizon + 1 - Step·(R - 1) >= firstTraining
            var room = End - Gap - Horizon + 1 - firstTraining;
            if (room < 0)
            {
                var maxHorizon = End - Gap + 1 - firstTraining;
                var what = End < firstTraining
                    ? (nameof(End), f.Format(End), $"is before the first training period {f.Format(firstTraining)}; {span}")
                    : (nameof(Horizon), Horizon.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"with gap {Gap} and last period {f.Format(End)} no training period is left before the first forecast; {span}"
                        + (maxHorizon >= 1 ? $": at most horizon {maxHorizon} with this gap" : ": the gap alone is too long"));
                throw new ProtocolException(what.Item1, what.Item2, what.Item3);
            }
            var maxRounds = room / Step + 1;
            throw new ProtocolException(nameof(Rounds), Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"the data allows at most {maxRounds} rounds with horizon {Horizon}, gap {Gap} and step {Step} (round 1's cutoff would be {f.Format(Cutoff(1))}, before the first training period {f.Format(firstTraining)}; {span})");
        }
    }

    /// <summary>A one-line description, e.g. for metrics files.</summary>
    public string Describe(Frequency frequency) =>
        $"{Rounds} rounds, horizon {Horizon}, gap {Gap}, step {Step}, {Window.ToString().ToLowerInvariant()} window"
        + (Window == TrainingWindow.Sliding ? $" of {WindowLength} periods" : "")
        + (Start is { } s ? $" from {frequency.Format(s)}" : "")
        + $", cutoffs {frequency.Format(Cutoff(1))}..{frequency.Format(Cutoff(Rounds))}, last period {frequency.Format(End)}";
}
