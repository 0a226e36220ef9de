namespace Research.Forecasting.Models.Arima;

/// <summary>Estimation method of an ARIMA model (R's <c>arima(method =)</c>).</summary>
public enum ArimaMethod
{
    /// <summary>Conditional sum of squares for starting values, then exact maximum likelihood (R's default <c>"CSS-ML"</c>).</summary>
    CssMl,
    /// <summary>Exact Gaussian maximum likelihood via the Kalman filter (<c>"ML"</c>).</summary>
    Ml,
    /// <summary>Conditional sum of squares only (<c>"CSS"</c>); no AIC.</summary>
    Css,
}
