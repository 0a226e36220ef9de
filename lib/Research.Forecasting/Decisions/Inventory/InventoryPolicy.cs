using Research.Forecasting.Decisions.Lifecycle;

namespace Research.Forecasting.Decisions.Inventory;

/// <summary>
/// A periodic-review order-up-to policy (review every period, R = 1) and its costs. At the start of period t the
/// order placed L periods earlier arrives; the inventory position (on hand plus on order, minus what is owed) is raised
/// to <c>S_t = f_t + … + f_(t+L) + SS_t</c> (the forecasts of the protection interval plus the safety stock); the
/// order arrives at the start of t + L (at once when L = 0); then the period's demand is served from the stock on hand.
/// Costs per period: <see cref="HoldingCost"/> per unit on hand at the end of the period, <see cref="StockoutCost"/> per
/// unit lost (<see cref="StockoutHandling.LostSales"/>) or per unit owed at the end of the period
/// (<see cref="StockoutHandling.Backorder"/>). The simulation starts with <c>S_0</c> on hand and nothing on order.
/// </summary>
public sealed record InventoryPolicy
{
    /// <summary>Periods between placing an order and receiving it.</summary>
    public int LeadTime { get; init; } = 1;

    /// <summary>Target cycle service level α (probability that a protection interval's demand is covered).</summary>
    public double ServiceLevel { get; init; } = 0.95;

    /// <summary>
    /// Service levels by the series' life-cycle stage at the forecast's cutoff (the stage as an input to the policy,
    /// e.g. more protection in growth, less in decline); a stage not listed uses <see cref="ServiceLevel"/>.
    /// </summary>
    public IReadOnlyDictionary<LifecycleStage, double> StageServiceLevels { get; init; } = new Dictionary<LifecycleStage, double>();

    public SafetyStockMethod Method { get; init; } = SafetyStockMethod.Normal;

    public StockoutHandling Handling { get; init; } = StockoutHandling.LostSales;

    /// <summary>Cost of a unit on hand at the end of a period.</summary>
    public double HoldingCost { get; init; } = 1;

    /// <summary>Cost of a unit lost, or of a unit owed at the end of a period.</summary>
    public double StockoutCost { get; init; } = 9;

    /// <summary>
    /// Backtest rounds 1..this whose errors set each series' safety stock; the later rounds are simulated (so no period's
    /// safety stock has seen that period's error).
    /// </summary>
    public int CalibrationRounds { get; init; } = 1;

    /// <summary>The service level of a period whose series is in <paramref name="stage"/>.</summary>
    public double LevelFor(LifecycleStage? stage) => stage is { } s && StageServiceLevels.TryGetValue(s, out var level) ? level : ServiceLevel;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the property at fault.</summary>
    public void Validate()
    {
        if (LeadTime < 0) throw new ArgumentException($"LeadTime must be at least 0, got {LeadTime}", nameof(LeadTime));
        foreach (var level in StageServiceLevels.Values.Append(ServiceLevel))
            if (!(level > 0 && level < 1)) throw new ArgumentException($"a service level must be in (0, 1), got {level}", nameof(ServiceLevel));
        if (!(HoldingCost >= 0)) throw new ArgumentException($"HoldingCost must be at least 0, got {HoldingCost}", nameof(HoldingCost));
        if (!(StockoutCost >= 0)) throw new ArgumentException($"StockoutCost must be at least 0, got {StockoutCost}", nameof(StockoutCost));
        if (CalibrationRounds < 1) throw new ArgumentException($"CalibrationRounds must be at least 1, got {CalibrationRounds}", nameof(CalibrationRounds));
    }
}
