namespace Research.Forecasting.Models.Arima;

/// <summary>An ARIMA model that cannot be estimated (R's <c>arima</c> stops with an error).</summary>
public sealed class ArimaException : InvalidOperationException
{
    public ArimaException(string message) : base(message) { }

    public ArimaException() { }

    public ArimaException(string message, Exception inner) : base(message, inner) { }
}
