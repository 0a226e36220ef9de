namespace Research.Forecasting.Models.Arima;

/// <summary>Information criterion that ranks candidate models.</summary>
public enum InformationCriterion
{
    /// <summary>Corrected AIC (the default of <c>auto.arima</c>).</summary>
    Aicc,
    Aic,
    Bic,
}

/// <summary>
/// Settings of <see cref="AutoArima"/>, with the defaults of forecast 8.20's <c>auto.arima</c>
/// (Hyndman and Khandakar 2008).
/// </summary>
public sealed record AutoArimaOptions
{
    /// <summary>Seasonal period m (R's <c>frequency</c>); 1 for non-seasonal data.</summary>
    public int Period { get; init; } = 1;

    /// <summary>Regular differences; null chooses them by repeated KPSS tests (<c>ndiffs</c>).</summary>
    public int? D { get; init; }

    /// <summary>Seasonal differences; null chooses them by seasonal strength (<c>nsdiffs</c>, test "seas").</summary>
    public int? SeasonalD { get; init; }

    public int MaxP { get; init; } = 5;

    public int MaxQ { get; init; } = 5;

    public int MaxSeasonalP { get; init; } = 2;

    public int MaxSeasonalQ { get; init; } = 2;

    /// <summary>Maximum <c>p + q + P + Q</c> of the exhaustive search (<c>max.order</c>).</summary>
    public int MaxOrder { get; init; } = 5;

    public int MaxD { get; init; } = 2;

    public int MaxSeasonalD { get; init; } = 1;

    public int StartP { get; init; } = 2;

    public int StartQ { get; init; } = 2;

    public int StartSeasonalP { get; init; } = 1;

    public int StartSeasonalQ { get; init; } = 1;

    /// <summary>Restrict to stationary models (no differencing).</summary>
    public bool Stationary { get; init; }

    /// <summary>Consider seasonal models (when false the period is ignored).</summary>
    public bool Seasonal { get; init; } = true;

    public InformationCriterion Criterion { get; init; } = InformationCriterion.Aicc;

    /// <summary>Hyndman-Khandakar stepwise search; false searches every model up to <see cref="MaxOrder"/>.</summary>
    public bool Stepwise { get; init; } = true;

    /// <summary>Maximum number of models of the stepwise search (<c>nmodels</c>).</summary>
    public int MaxModels { get; init; } = 94;

    /// <summary>
    /// Search with CSS estimates and refit the chosen model by CSS-ML; null uses forecast's rule
    /// <c>length &gt; 150 || m &gt; 12</c>.
    /// </summary>
    public bool? Approximation { get; init; }

    /// <summary>Estimation method of the fits; null is CSS-ML (CSS while approximating).</summary>
    public ArimaMethod? Method { get; init; }

    /// <summary>Allow a drift term when <c>d + D = 1</c>.</summary>
    public bool AllowDrift { get; init; } = true;

    /// <summary>Allow a mean when <c>d + D = 0</c>.</summary>
    public bool AllowMean { get; init; } = true;

    /// <summary>Level of the KPSS tests of <c>ndiffs</c>.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Names of the regressor columns; default <c>x1, x2, ...</c>.</summary>
    public IReadOnlyList<string>? RegressorNames { get; init; }

    /// <summary>
    /// Record every model the search fits, with its criterion, in <see cref="ArimaModel.Search"/> (forecast's
    /// <c>trace = TRUE</c>). Each model's coefficient variance is then checked as it is fitted, as R does, which
    /// costs a Hessian per model; without a trace the check runs only for models that could win.
    /// </summary>
    public bool Trace { get; init; }
}
