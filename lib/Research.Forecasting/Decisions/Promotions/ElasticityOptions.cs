namespace Research.Forecasting.Decisions.Promotions;

/// <summary>
/// What the orange-juice price regression fits (untrained options; <see cref="PriceElasticity.Fit"/> returns the fitted
/// <see cref="ElasticityModel"/>).
/// </summary>
public sealed record ElasticityOptions
{
    /// <summary>First week of the rows used (inclusive); null for the first week of the data.</summary>
    public long? FirstWeek { get; init; }

    /// <summary>Last week of the rows used (inclusive); null for the last week (a held-out evaluation fits up to its cutoff).</summary>
    public long? LastWeek { get; init; }

    /// <summary>Brands fitted (1..11); null for every brand present.</summary>
    public IReadOnlyList<int>? Brands { get; init; }

    /// <summary>Store fixed effects (one dummy per store but the first); false pools the stores under one intercept.</summary>
    public bool StoreEffects { get; init; } = true;

    /// <summary>Two-sided level of the confidence intervals of the elasticities.</summary>
    public double Level { get; init; } = 0.95;
}
