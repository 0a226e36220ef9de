namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// Proposes the next configuration to try and learns from each trial's result (ML.NET AutoML's
/// <c>ITuner.Propose/Update</c>). Tuners are deterministic given their seed and the results they are fed.
/// </summary>
public interface ITuner
{
    /// <summary>The configuration of trial <paramref name="trialId"/> (0-based).</summary>
    Configuration Propose(int trialId);

    /// <summary>The result of a trial this tuner proposed (lower scores are better; failed trials score +∞).</summary>
    void Update(TrialResult result);
}
