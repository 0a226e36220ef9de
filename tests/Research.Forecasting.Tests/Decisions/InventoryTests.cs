using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Decisions.Inventory;
using Research.Forecasting.Decisions.Lifecycle;

namespace Research.Forecasting.Tests.Decisions;

public sealed class InventoryTests
{
    [Fact]
    public void AHandComputedFivePeriodSimulationWithLostSales()
    {
        // L = 1, SS = 2, forecasts 10 each period, so S_t = 10 + 10 + 2 = 22 (the last period's interval repeats its forecast).
        // t0: 22 on hand, no order, sells 8 -> 14.   t1: position 14, order 8 (arrives t2), sells 12 -> 2.
        // t2: 2 + 8 = 10, order 12 (t3), demand 15: 10 sold, 5 lost -> 0.   t3: 0 + 12, order 10 (t4), sells 5 -> 7.
        // t4: 7 + 10 = 17, order 5, sells 10 -> 7.  Holding 14+2+0+7+7 = 30, stock-out 4·5 = 20.
        var policy = new InventoryPolicy { LeadTime = 1, HoldingCost = 1, StockoutCost = 4, Handling = StockoutHandling.LostSales };
        var path = OrderUpTo.Simulate([8, 12, 15, 5, 10], [10, 10, 10, 10, 10], [2, 2, 2, 2, 2], policy);
        Assert.Equal([22, 22, 22, 22, 22], path.OrderUpTo);
        Assert.Equal([0, 8, 12, 10, 5], path.Orders);
        Assert.Equal([8, 12, 10, 5, 10], path.Served);
        Assert.Equal([0, 0, 5, 0, 0], path.Short);
        Assert.Equal([14, 2, 0, 7, 7], path.EndInventory);
        Assert.Equal([14, 2, 20, 7, 7], path.Cost);
    }

    [Fact]
    public void TheSameFivePeriodsWithBackorders()
    {
        // as above to t2, where 5 units are owed (on hand -5, cost 4·5). t3: -5 + 12 = 7, position 7, order 15 (t4),
        // sells 5 -> 2. t4: 2 + 15 = 17, order 5, sells 10 -> 7.
        var policy = new InventoryPolicy { LeadTime = 1, HoldingCost = 1, StockoutCost = 4, Handling = StockoutHandling.Backorder };
        var path = OrderUpTo.Simulate([8, 12, 15, 5, 10], [10, 10, 10, 10, 10], [2, 2, 2, 2, 2], policy);
        Assert.Equal([0, 8, 12, 15, 5], path.Orders);
        Assert.Equal([8, 12, 10, 5, 10], path.Served);
        Assert.Equal([0, 0, 5, 0, 0], path.Owed);
        Assert.Equal([14, 2, 0, 2, 7], path.EndInventory);
        Assert.Equal(45, path.Cost.Sum());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void PerfectForecastsServeEveryUnitAndLeaveTheSafetyStockOnceTheLeadTimeHasPassed(int leadTime)
    {
        double[] demand = [5, 9, 2, 7, 7, 11, 3, 8, 6, 4];
        var policy = new InventoryPolicy { LeadTime = leadTime };
        var path = OrderUpTo.Simulate(demand, demand, [.. demand.Select(_ => 3.0)], policy);
        Assert.Equal(demand, path.Served);
        // the stock on hand at the end of period t is SS plus the demand of t+1..L-1 still covered by the opening stock
        for (var t = 0; t < demand.Length - leadTime; t++)
            Assert.Equal(3 + demand.Skip(t + 1).Take(Math.Max(0, leadTime - t)).Sum(), path.EndInventory[t], 12);
    }

    [Fact]
    public void SafetyStocksFromErrors()
    {
        double[] errors = [1, -1, 1, -1, 2, 0];
        // mean 1/3, sample sd sqrt(Σ(e - 1/3)^2 / 5) = sqrt(34/3 / 5 ... ) computed below; z(0.95) = 1.6448536269514722 (R qnorm(0.95))
        var mean = 1 / 3.0;
        var sd = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / 5);
        Assert.Equal(1.6448536269514722, SafetyStock.Z(0.95), 12);
        Assert.Equal(2 * mean + 1.6448536269514722 * sd * Math.Sqrt(2), SafetyStock.Normal(errors, 1, 0.95), 10);
        // L = 1: sums of pairs 0, 0, 0, 1, 2; type-7 quantile at 0.9 of the sorted sums: h = 3.6 -> 1 + 0.6·(2 − 1)
        Assert.Equal(1.6, SafetyStock.Empirical(errors, 1, 0.9), 12);
        Assert.Equal(0, SafetyStock.Empirical(errors, 1, 0.5), 12);
        Assert.True(double.IsNaN(SafetyStock.Empirical([1.0], 1, 0.9)));
    }

    [Fact]
    public void TheTableDrivesTheSimulationCalibratedOnTheFirstRounds()
    {
        // one series, round 1 (periods 1..4) calibrates, round 2 (periods 5..9) is the five-period case above;
        // model "exact" has errors 0 in calibration (SS 0 by the empirical quantile), "flat" forecasts 10 everywhere.
        string[] series = [.. Enumerable.Repeat("a", 9)];
        int[] round = [1, 1, 1, 1, 2, 2, 2, 2, 2];
        long[] cutoff = [0, 0, 0, 0, 4, 4, 4, 4, 4];
        long[] time = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        double[] actual = [9, 11, 8, 12, 8, 12, 15, 5, 10];
        double[] exact = [9, 11, 8, 12, 8, 12, 15, 5, 10];
        double[] flat = [10, 10, 10, 10, 10, 10, 10, 10, 10];
        var table = new ForecastTable(Frequency.Periods, ["exact", "flat"], series, round, cutoff, time, actual, [exact, flat]);
        var policy = new InventoryPolicy { LeadTime = 1, StockoutCost = 4, Method = SafetyStockMethod.Empirical, ServiceLevel = 0.5 };
        var sim = InventorySimulation.Run(table, policy, stage: (_, _) => LifecycleStage.Maturity);
        var summary = sim.Summary();
        var exactRow = summary.Single(s => s.Model == "exact");
        Assert.Equal(1, exactRow.FillRate);
        Assert.Equal(0, exactRow.StockoutPeriods);
        // flat: calibration errors -1, 1, -2, 2 -> pair sums 0, -1, 0; median 0 -> SS 0; S_t = 20: t0 20 -> 12, t1 order 8 ->0,
        // t2 8 arrives, demand 15: 8 sold, 7 lost; t3 order 20 - 0 - 0 ... checked against the direct simulation
        var direct = OrderUpTo.Simulate([8, 12, 15, 5, 10], [10, 10, 10, 10, 10], [0, 0, 0, 0, 0], policy);
        var flatRow = summary.Single(s => s.Model == "flat");
        Assert.Equal(direct.Cost.Sum(), flatRow.TotalCost, 12);
        Assert.Equal(direct.Served.Sum() / 50, flatRow.FillRate, 12);
        Assert.Equal(5, flatRow.Periods);
        Assert.True(summary[0].TotalCost <= summary[1].TotalCost);
        Assert.All(sim.ByStage(), s => Assert.Equal("maturity", s.Group));
        // with a stage-specific level the safety stock of that stage changes: normal errors -1, 1, -2, 2 (mean 0,
        // sd sqrt(10/3)) give SS = 0 at 50% and z(0.99)·sd·√2 at 99%
        var normal = policy with { Method = SafetyStockMethod.Normal };
        var high = InventorySimulation.Run(table, normal with { StageServiceLevels = new Dictionary<LifecycleStage, double> { [LifecycleStage.Maturity] = 0.99 } },
            ["flat"], (_, _) => LifecycleStage.Maturity);
        Assert.Equal(SafetyStock.Z(0.99) * Math.Sqrt(10 / 3.0) * Math.Sqrt(2), high.Periods[0].SafetyStock, 10);
        Assert.Equal(0, InventorySimulation.Run(table, normal, ["flat"], (_, _) => LifecycleStage.Maturity).Periods[0].SafetyStock, 12);
    }
}
