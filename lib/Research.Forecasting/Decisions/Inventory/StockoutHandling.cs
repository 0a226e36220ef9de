namespace Research.Forecasting.Decisions.Inventory;

/// <summary>What happens to demand that finds the shelf empty.</summary>
public enum StockoutHandling
{
    /// <summary>The customer buys elsewhere: the unit is lost and costs the stock-out penalty once (retail default).</summary>
    LostSales,
    /// <summary>The unit is owed and served from later receipts; every unit owed at the end of a period costs the penalty for that period.</summary>
    Backorder,
}

/// <summary>How the safety stock is read from the backtest errors.</summary>
public enum SafetyStockMethod
{
    /// <summary>Errors taken as normal: <c>(L+1)·mean + z_α·sd·√(L+1)</c>.</summary>
    Normal,
    /// <summary>The α-quantile of the sums of L+1 consecutive errors (no distribution assumed).</summary>
    Empirical,
}
