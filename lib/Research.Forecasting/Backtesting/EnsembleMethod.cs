namespace Research.Forecasting.Backtesting;

/// <summary>How <see cref="Ensembles"/> combines the forecasts of several models.</summary>
public enum EnsembleMethod
{
    /// <summary>The mean of the members' forecasts.</summary>
    Mean,

    /// <summary>The median of the members' forecasts (robust to one member far off).</summary>
    Median,

    /// <summary>
    /// A weighted mean, each member weighted by the inverse of its error on what was already known at the round's cutoff
    /// (forecasts of earlier rounds whose periods are at or before the cutoff); equal weights while nothing is known.
    /// </summary>
    ValidationWeighted,
}
