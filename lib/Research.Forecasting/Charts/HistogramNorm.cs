namespace Research.Forecasting.Charts;

/// <summary>What a histogram bar's height means (Plotly's <c>histnorm</c>).</summary>
public enum HistogramNorm
{
    /// <summary>Number of values in the bin.</summary>
    Count,
    /// <summary>Fraction of the values in the bin (bars sum to 1).</summary>
    Probability,
    /// <summary>Fraction divided by the bin width (bar areas sum to 1), comparable with a density curve.</summary>
    ProbabilityDensity,
}
