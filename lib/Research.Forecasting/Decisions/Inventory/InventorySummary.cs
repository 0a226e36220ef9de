namespace Research.Forecasting.Decisions.Inventory;

/// <summary>
/// Totals of a simulation over a set of series-periods.
/// </summary>
/// <param name="Model">The forecasting model.</param>
/// <param name="Group">What the totals cover (<c>all</c>, or a life-cycle stage).</param>
/// <param name="Periods">Series-periods simulated.</param>
/// <param name="Demand">Total demand.</param>
/// <param name="FillRate">Demand served from stock in its period / demand.</param>
/// <param name="StockoutPeriods">Series-periods with demand not served.</param>
/// <param name="AverageInventory">Mean units on hand at the end of a period.</param>
/// <param name="HoldingCost">Holding cost.</param>
/// <param name="StockoutCost">Stock-out cost.</param>
/// <param name="TotalCost">Holding plus stock-out cost.</param>
public sealed record InventorySummary(string Model, string Group, int Periods, double Demand, double FillRate, int StockoutPeriods,
    double AverageInventory, double HoldingCost, double StockoutCost, double TotalCost);
