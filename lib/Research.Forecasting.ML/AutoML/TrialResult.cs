namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// One trial: its configuration, the validation score (lower is better; +∞ when it failed), wall seconds, the
/// deterministic cost estimate the tuners use, how many series fell back to the backtester's fallback model, and the
/// error of a failed trial.
/// </summary>
public sealed record TrialResult(int Id, Configuration Configuration, double Score, double Seconds, double Cost, int Fallbacks = 0, string? Error = null)
{
    public bool Failed => Error is not null || !double.IsFinite(Score);
}
