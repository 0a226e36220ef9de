namespace Research.Forecasting.Decisions.Lifecycle;

/// <summary>
/// The four stages of the product life cycle (Levitt 1965, "Exploit the product life cycle", Harvard Business Review
/// 43(6)): sales start slowly, rise fast, level off and fall. The codes (0..3) are the feature's category codes.
/// </summary>
public enum LifecycleStage
{
    /// <summary>The first periods after the first sale, when the launch is in the data.</summary>
    Introduction = 0,
    /// <summary>Smoothed sales rising fast.</summary>
    Growth = 1,
    /// <summary>Neither rising fast nor far below the running peak.</summary>
    Maturity = 2,
    /// <summary>Smoothed sales far below their running peak.</summary>
    Decline = 3,
}
