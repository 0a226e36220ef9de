namespace Research.Forecasting.Models.Arima;

/// <summary>
/// R's <c>arma</c> vector of an ARIMA(p,d,q)(P,D,Q)[m] model: AR, MA, seasonal AR, seasonal MA orders, the
/// period, and the regular and seasonal differences.
/// </summary>
internal readonly record struct ArmaOrders(int P, int Q, int SP, int SQ, int Period, int D, int SD)
{
    public static ArmaOrders From(ArimaOrder order, ArimaOrder seasonal, int period) =>
        new(order.P, order.Q, seasonal.P, seasonal.Q, Math.Max(1, period), order.D, seasonal.D);

    /// <summary>Number of ARMA coefficients <c>p + q + P + Q</c>.</summary>
    public int Narma => P + Q + SP + SQ;

    /// <summary>Length of the expanded AR polynomial <c>p + m P</c>.</summary>
    public int PhiLength => P + Period * SP;

    /// <summary>Length of the expanded MA polynomial <c>q + m Q</c>.</summary>
    public int ThetaLength => Q + Period * SQ;

    /// <summary>Length of the differencing polynomial <c>d + m D</c>.</summary>
    public int DeltaLength => D + Period * SD;

    /// <summary>State dimension of the ARMA part, <c>max(p', q' + 1)</c>.</summary>
    public int R => Math.Max(PhiLength, ThetaLength + 1);
}
