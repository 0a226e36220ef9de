namespace Research.Forecasting.Decisions.Inventory;

/// <summary>The periods of one simulated series (arrays aligned with its periods).</summary>
/// <param name="OrderUpTo">S_t.</param>
/// <param name="Orders">Units ordered at the start of each period.</param>
/// <param name="Served">Demand served from stock in the period.</param>
/// <param name="Short">Demand not served in the period (lost, or newly owed).</param>
/// <param name="EndInventory">Units on hand at the end of the period.</param>
/// <param name="Owed">Units owed at the end of the period (backorders; 0 with lost sales).</param>
/// <param name="Cost">Holding plus stock-out cost of the period.</param>
public sealed record InventoryPath(double[] OrderUpTo, double[] Orders, double[] Served, double[] Short, double[] EndInventory, double[] Owed, double[] Cost);

/// <summary>The periodic-review order-up-to simulation of <see cref="InventoryPolicy"/> on one series.</summary>
public static class OrderUpTo
{
    /// <summary>
    /// Simulates the policy on <paramref name="demand"/> with the forecasts <paramref name="forecast"/> of the same
    /// periods and the safety stock of each period. The protection interval of the last periods reaches past the
    /// data: the last forecast stands in for the periods after it.
    /// </summary>
    public static InventoryPath Simulate(ReadOnlySpan<double> demand, ReadOnlySpan<double> forecast, ReadOnlySpan<double> safetyStock, InventoryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        var n = demand.Length;
        if (forecast.Length != n || safetyStock.Length != n) throw new ArgumentException($"{n} demands, {forecast.Length} forecasts and {safetyStock.Length} safety stocks");
        var L = policy.LeadTime;
        var lost = policy.Handling == StockoutHandling.LostSales;
        var path = new InventoryPath(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        var arrivals = new double[n + L + 1];
        double onHand = 0, onOrder = 0;
        for (var t = 0; t < n; t++)
        {
            double s = safetyStock[t];
            for (var k = t; k <= t + L; k++) s += forecast[Math.Min(k, n - 1)];
            path.OrderUpTo[t] = s;
            if (t == 0) onHand = s;
            onHand += arrivals[t];
            onOrder -= arrivals[t];
            var q = Math.Max(0, s - (onHand + onOrder));
            path.Orders[t] = q;
            if (L == 0) onHand += q;
            else
            {
                arrivals[t + L] += q;
                onOrder += q;
            }
            var d = demand[t];
            var served = Math.Min(Math.Max(onHand, 0), d);
            path.Served[t] = served;
            path.Short[t] = d - served;
            onHand -= lost ? served : d;
            path.EndInventory[t] = Math.Max(onHand, 0);
            path.Owed[t] = Math.Max(-onHand, 0);
            path.Cost[t] = policy.HoldingCost * path.EndInventory[t] + policy.StockoutCost * (lost ? path.Short[t] : path.Owed[t]);
        }
        return path;
    }
}
