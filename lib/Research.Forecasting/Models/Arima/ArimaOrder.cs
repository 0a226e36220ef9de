namespace Research.Forecasting.Models.Arima;

/// <summary>Orders of an ARIMA part: autoregressive <paramref name="P"/>, differences <paramref name="D"/>, moving average <paramref name="Q"/>.</summary>
public readonly record struct ArimaOrder(int P, int D, int Q)
{
    /// <summary>(0,0,0).</summary>
    public static ArimaOrder None => default;

    public override string ToString() => $"({P},{D},{Q})";
}
