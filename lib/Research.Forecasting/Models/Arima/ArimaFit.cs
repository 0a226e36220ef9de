namespace Research.Forecasting.Models.Arima;

/// <summary>
/// What R's <c>stats::arima</c> returns: coefficients (ARMA, then intercept and regressors in the original basis),
/// innovation variance <c>ssq / n_used</c> (CSS: <c>ssq / n_cond_used</c>), log-likelihood, AIC, residuals.
/// </summary>
internal sealed class ArimaFit
{
    public required ArimaProblem Problem { get; init; }

    public required ArimaMethod Method { get; init; }

    public required string[] Names { get; init; }

    public required double[] Coef { get; init; }

    /// <summary>R's <c>sigma2</c>.</summary>
    public required double Sigma2 { get; init; }

    public required double LogLik { get; init; }

    /// <summary>NaN for CSS.</summary>
    public required double Aic { get; init; }

    /// <summary>Observations in the likelihood, <c>n - missing - (d + m D)</c>.</summary>
    public required int NUsed { get; init; }

    public required double[] Residuals { get; init; }

    /// <summary>Expanded AR polynomial of the fitted model (R's <c>model$phi</c>).</summary>
    public required double[] Phi { get; init; }

    /// <summary>Expanded MA polynomial (R's <c>model$theta</c>, unpadded).</summary>
    public required double[] Theta { get; init; }

    public required bool HasIntercept { get; init; }

    /// <summary>Free coefficients (R's <c>sum(mask)</c>).</summary>
    public required int FreeCount { get; init; }

    /// <summary>Optimiser convergence code (0 converged, 1 iteration limit).</summary>
    public required int Convergence { get; init; }

    /// <summary>Computes the Hessian-based check later (see <see cref="VarianceIsValid"/>); null when done.</summary>
    internal Func<VarianceStatus>? DeferredVarianceCheck { get; set; }

    private VarianceStatus? _variance;

    /// <summary>The outcome of the coefficient-variance computation, when done at fit time.</summary>
    internal VarianceStatus Variance
    {
        get
        {
            if (_variance is { } v) return v;
            _variance = DeferredVarianceCheck?.Invoke() ?? VarianceStatus.Ok;
            DeferredVarianceCheck = null;
            return _variance.Value;
        }
        set => _variance = value;
    }

    /// <summary>
    /// R's <c>var.coef</c> exists and has no negative diagonal (forecast's <c>checkarima</c> rejects a model
    /// whose <c>sqrt(diag(var.coef))</c> has NaN; <c>solve</c> of a singular Hessian makes <c>arima</c> fail).
    /// </summary>
    public bool VarianceIsValid() => Variance == VarianceStatus.Ok;
}

/// <summary>Outcome of R's <c>var.coef</c> computation.</summary>
internal enum VarianceStatus
{
    Ok,
    /// <summary>The Hessian cannot be inverted (R's <c>arima</c> stops with an error).</summary>
    Singular,
    /// <summary>A variance is negative (forecast's <c>checkarima</c> is true).</summary>
    Negative,
}
