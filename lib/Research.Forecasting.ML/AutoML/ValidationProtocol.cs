using Research.Forecasting.Backtesting;

namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// The validation rounds of a search: the test protocol's horizon, gap, step and window, <c>rounds</c> rounds whose last
/// window ends at the first test round's cutoff. Every validation period is then training data of the first test
/// round: a validation window can neither overlap nor follow a test window, and no trial sees a test period.
/// </summary>
public static class ValidationProtocol
{
    /// <summary>
    /// Validation rounds before the first round of <paramref name="test"/>; the models are refitted every
    /// <paramref name="refitEvery"/> rounds (default: once, at the first validation cutoff, so a trial costs one fit; the
    /// later rounds forecast from the longer history with the same model).
    /// </summary>
    public static BacktestOptions Before(BacktestOptions test, int rounds, int? refitEvery = null)
    {
        test.Validate();
        var validation = test with { Rounds = rounds, End = test.Cutoff(1), Levels = [], RefitEvery = refitEvery ?? rounds };
        validation.Validate();
        return validation;
    }

    /// <summary>Validation rounds ending at the last period <paramref name="end"/> of a training window (a search inside one fit).</summary>
    public static BacktestOptions Ending(long end, int gap, int horizon, int rounds, long? start = null, string? observedColumn = null)
    {
        var validation = new BacktestOptions { Horizon = horizon, Gap = gap, Step = horizon, Rounds = rounds, End = end, Start = start, ObservedColumn = observedColumn };
        validation.Validate();
        return validation;
    }

    /// <summary>Throws unless every validation window ends before the first test window starts (and at or before its cutoff).</summary>
    public static void CheckBefore(BacktestOptions validation, BacktestOptions test)
    {
        var lastValidation = validation.Cutoff(validation.Rounds) + validation.Gap + validation.Horizon - 1;
        if (lastValidation > test.Cutoff(1))
            throw new ArgumentException($"the last validation period {lastValidation} is after the first test cutoff {test.Cutoff(1)}: validation would see test data");
    }
}
