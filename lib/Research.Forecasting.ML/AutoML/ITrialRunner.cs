namespace Research.Forecasting.ML.AutoML;

/// <summary>Runs one trial: builds the configuration's model and scores it (ML.NET AutoML's <c>ITrialRunner</c>).</summary>
public interface ITrialRunner
{
    TrialResult Run(int trialId, Configuration configuration);
}
