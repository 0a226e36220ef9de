namespace Research.Forecasting.Data;

/// <summary>
/// A panel that cannot be used as asked, for a reason in its data rather than in a file's syntax: a series with gaps
/// in its time grid handed to the backtester, a target with no value at all. The message names the series and the
/// period (as a date for calendar frequencies).
/// </summary>
public sealed class PanelException : Exception
{
    public PanelException(string message, string? series = null, string? column = null)
        : base(message)
    {
        Series = series;
        Column = column;
    }

    /// <summary>The series at fault (its id), when one is.</summary>
    public string? Series { get; }

    /// <summary>The column at fault (the target's or a covariate's name), when one is.</summary>
    public string? Column { get; }
}
