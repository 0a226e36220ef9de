namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// An <see cref="ExperimentResult"/> as plain data (a configuration as its family and values), the form a search is
/// kept in by <see cref="Backtesting.BacktestCache.Remember"/>.
/// </summary>
internal sealed record SavedSearch(SavedTrial[] Trials, string StoppedBecause, double Seconds)
{
    public static SavedSearch From(ExperimentResult result) => new(
        [.. result.Trials.Select(t => new SavedTrial(t.Id, t.Configuration.Family, [.. t.Configuration.Values], t.Score, t.Seconds, t.Cost, t.Fallbacks, t.Error))],
        result.StoppedBecause,
        result.Seconds);

    /// <summary>The result with every configuration rebuilt in <paramref name="spaces"/>' search space of its family.</summary>
    public ExperimentResult ToResult(ModelSpaces spaces) => new(
        [.. Trials.Select(t => new TrialResult(t.Id, new Configuration(spaces.Spaces.Single(s => s.Family == t.Family), t.Values), t.Score, t.Seconds, t.Cost, t.Fallbacks, t.Error))],
        StoppedBecause,
        Seconds);
}

/// <summary>One trial of a <see cref="SavedSearch"/>.</summary>
internal sealed record SavedTrial(int Id, string Family, double[] Values, double Score, double Seconds, double Cost, int Fallbacks, string? Error);
