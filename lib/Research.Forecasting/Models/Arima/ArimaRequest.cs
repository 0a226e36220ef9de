namespace Research.Forecasting.Models.Arima;

/// <summary>
/// One call of R's <c>stats::arima</c>: the series, regressors (column-major <c>n x k</c>, without the
/// intercept, which <see cref="IncludeMean"/> adds when there is no differencing), orders and method.
/// </summary>
internal sealed record ArimaRequest
{
    public required double[] Y { get; init; }

    /// <summary>Regressor columns, column-major (<c>x[t + j n]</c>); empty for none.</summary>
    public double[] Xreg { get; init; } = [];

    public int XregColumns { get; init; }

    public IReadOnlyList<string> XregNames { get; init; } = [];

    public required ArmaOrders Orders { get; init; }

    public bool IncludeMean { get; init; } = true;

    public ArimaMethod Method { get; init; } = ArimaMethod.CssMl;

    public bool TransformPars { get; init; } = true;

    /// <summary>Fixed coefficient values (NaN = estimated), length <c>narma + regressors (+ intercept)</c>; null = all free.</summary>
    public double[]? Fixed { get; init; }

    public double Kappa { get; init; } = 1e6;

    /// <summary>
    /// Skip the numerical Hessian and the coefficient variance (R always computes them; the stepwise search
    /// checks them lazily through <see cref="ArimaFit.VarianceIsValid"/>).
    /// </summary>
    public bool DeferHessian { get; init; }
}
