namespace Research.Forecasting.Evaluation;

/// <summary>The alternative hypothesis of a test (as R's <c>alternative = "two.sided" | "less" | "greater"</c>).</summary>
public enum Alternative
{
    /// <summary>The two methods differ in accuracy (either direction).</summary>
    TwoSided,
    /// <summary>Method 1 is more accurate: the mean loss differential is negative.</summary>
    Less,
    /// <summary>Method 2 is more accurate: the mean loss differential is positive.</summary>
    Greater,
}
