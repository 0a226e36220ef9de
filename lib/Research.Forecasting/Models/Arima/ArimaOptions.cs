namespace Research.Forecasting.Models.Arima;

/// <summary>
/// An ARIMA(p,d,q)(P,D,Q)[m] model with optional regression terms, as forecast's <c>Arima()</c> over R's
/// <c>arima()</c>: <c>y_t = c + drift t + x_t' beta + u_t</c> with <c>phi(B) Phi(B^m) (1-B)^d (1-B^m)^D u_t =
/// theta(B) Theta(B^m) e_t</c>, <c>e_t ~ N(0, sigma^2)</c> (regression with ARIMA errors; Hyndman and
/// Athanasopoulos, Forecasting: Principles and Practice, ch. 10).
/// </summary>
public sealed record ArimaOptions
{
    /// <summary>Non-seasonal orders (p, d, q).</summary>
    public ArimaOrder Order { get; init; }

    /// <summary>Seasonal orders (P, D, Q); ignored when <see cref="Period"/> is 1.</summary>
    public ArimaOrder Seasonal { get; init; }

    /// <summary>Seasonal period m (R's <c>frequency</c>); 1 for non-seasonal data.</summary>
    public int Period { get; init; } = 1;

    /// <summary>Estimate a mean (R's <c>intercept</c>) when there is no differencing (<c>d + D = 0</c>).</summary>
    public bool IncludeMean { get; init; } = true;

    /// <summary>Add a linear trend <c>drift = 1..n</c> as a regressor (dropped when <c>d + D &gt; 1</c>, as forecast does).</summary>
    public bool IncludeDrift { get; init; }

    /// <summary>Estimation method; the default <see cref="ArimaMethod.CssMl"/> switches to ML when values are missing.</summary>
    public ArimaMethod Method { get; init; } = ArimaMethod.CssMl;

    /// <summary>Optimise AR parameters on R's stationarity-enforcing scale (R's <c>transform.pars</c>).</summary>
    public bool TransformPars { get; init; } = true;

    /// <summary>Names of the regressor columns (coefficient names); default <c>x1, x2, ...</c>.</summary>
    public IReadOnlyList<string>? RegressorNames { get; init; }

    /// <summary>Fixed coefficient values in R's order (NaN = estimated); null estimates all (R's <c>fixed</c>).</summary>
    public IReadOnlyList<double>? Fixed { get; init; }

    internal ArmaOrders Orders => Period > 1
        ? ArmaOrders.From(Order, Seasonal, Period)
        : ArmaOrders.From(Order, ArimaOrder.None, 1);
}
