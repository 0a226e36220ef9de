namespace Research.Forecasting.Backtesting;

/// <summary>A model that failed on a series in a round, and the fallback that replaced it.</summary>
public sealed record ModelFailure(string Model, string Series, int Round, string Fallback, string Message);

/// <summary>Wall time a model spent fitting and forecasting over all rounds.</summary>
public sealed record ModelTiming(string Model, double FitSeconds, double ForecastSeconds)
{
    public double Seconds => FitSeconds + ForecastSeconds;
}

/// <summary>What a backtest produced: the long forecast table, failures replaced by the fallback, and timings.</summary>
public sealed record BacktestResult(BacktestOptions Options, ForecastTable Table, IReadOnlyList<ModelFailure> Failures, IReadOnlyList<ModelTiming> Timings);
