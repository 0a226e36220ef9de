using Research.Forecasting.Backtesting;
using Research.Forecasting.Decisions.Lifecycle;

namespace Research.Forecasting.Decisions.Inventory;

/// <summary>One simulated series-period.</summary>
public sealed record InventoryPeriod(string Model, string Series, long Time, long Cutoff, LifecycleStage? Stage, double Demand, double Forecast,
    double SafetyStock, double OrderUpTo, double Order, double Served, double Short, double EndInventory, double Cost);

/// <summary>
/// The order-up-to policy driven by a model's backtest (<see cref="ForecastTable"/>): per series, the errors
/// (actual − forecast) of rounds 1..<see cref="InventoryPolicy.CalibrationRounds"/> set the safety stock, and the
/// periods of the later rounds, in time order, are simulated with the model's forecasts as the forecasts of the
/// protection interval and the actuals as demand. A period without an actual (a closed day, a week absent from the
/// data) has no demand and a forecast of 0. When rounds overlap, a period keeps the forecast of its latest cutoff.
/// Caveat: the protection interval of period t uses the forecasts of t..t+L as the table holds them, which were made at
/// their rounds' cutoffs; when t + L falls in the next round that cutoff can be later than t − 1 (the orange-juice
/// protocol, forecasting 2 and 3 weeks ahead, keeps every forecast used with L ≤ 1 before its period's review).
/// </summary>
public sealed class InventorySimulation
{
    private InventorySimulation(IReadOnlyList<InventoryPeriod> periods, InventoryPolicy policy)
    {
        Periods = periods;
        Policy = policy;
    }

    public InventoryPolicy Policy { get; }

    /// <summary>Every simulated series-period, by model, series and time.</summary>
    public IReadOnlyList<InventoryPeriod> Periods { get; }

    /// <summary>
    /// Simulates <paramref name="models"/> (default: every model of the table). <paramref name="stage"/> gives a
    /// series' life-cycle stage at a cutoff (e.g. <see cref="LifecycleTimeline.StageAt"/>); it tags each period and
    /// picks its service level (<see cref="InventoryPolicy.StageServiceLevels"/>). A series whose calibration errors
    /// give no safety stock (too few) is left out, for every model alike.
    /// </summary>
    public static InventorySimulation Run(ForecastTable table, InventoryPolicy policy, IReadOnlyList<string>? models = null,
        Func<string, long, LifecycleStage?>? stage = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        models ??= table.Models;
        var maxRound = 0;
        for (var i = 0; i < table.Count; i++) maxRound = Math.Max(maxRound, table.Round[i]);
        if (policy.CalibrationRounds >= maxRound)
            throw new ArgumentException($"CalibrationRounds {policy.CalibrationRounds} leaves no round of the {maxRound} to simulate", nameof(policy));
        var bySeries = Enumerable.Range(0, table.Count).GroupBy(table.Series, StringComparer.Ordinal).ToArray();
        var actual = table.Actual.ToArray();
        var round = table.Round.ToArray();
        var time = table.Time.ToArray();
        var cutoff = table.Cutoff.ToArray();
        var columns = models.Select(m => table.Forecast(m).ToArray()).ToArray();
        var levels = new[] { policy.ServiceLevel }.Concat(policy.StageServiceLevels.Values).Distinct().ToArray();
        var periods = new List<InventoryPeriod>();
        for (var m = 0; m < models.Count; m++)
        {
            var f = columns[m];
            foreach (var g in bySeries)
            {
                var calibration = g.Where(i => round[i] <= policy.CalibrationRounds && !double.IsNaN(actual[i]))
                    .OrderBy(i => time[i]).ThenBy(i => cutoff[i]).ToArray();
                var errors = calibration.Select(i => actual[i] - f[i]).ToArray();
                var stock = levels.ToDictionary(l => l, l => SafetyStock.Of(policy.Method, errors, policy.LeadTime, l));
                if (stock.Values.Any(double.IsNaN)) continue;
                var sim = g.Where(i => round[i] > policy.CalibrationRounds)
                    .GroupBy(i => time[i]).Select(t => t.MaxBy(i => cutoff[i])).OrderBy(i => time[i]).ToArray();
                if (sim.Length == 0) continue;
                var demand = sim.Select(i => double.IsNaN(actual[i]) ? 0 : actual[i]).ToArray();
                var forecast = sim.Select(i => double.IsNaN(actual[i]) || double.IsNaN(f[i]) ? 0 : Math.Max(0, f[i])).ToArray();
                var stages = sim.Select(i => stage?.Invoke(g.Key, cutoff[i])).ToArray();
                var ss = stages.Select(s => stock[policy.LevelFor(s)]).ToArray();
                var path = OrderUpTo.Simulate(demand, forecast, ss, policy);
                for (var k = 0; k < sim.Length; k++)
                    periods.Add(new InventoryPeriod(models[m], g.Key, time[sim[k]], cutoff[sim[k]], stages[k], demand[k], forecast[k], ss[k],
                        path.OrderUpTo[k], path.Orders[k], path.Served[k], path.Short[k], path.EndInventory[k], path.Cost[k]));
            }
        }
        return new InventorySimulation(periods, policy);
    }

    /// <summary>Totals per model over every simulated period, ranked by total cost (lowest first).</summary>
    public IReadOnlyList<InventorySummary> Summary() =>
        [.. Periods.GroupBy(p => p.Model).Select(g => Summarize(g.Key, "all", g)).OrderBy(s => s.TotalCost).ThenBy(s => s.Model, StringComparer.Ordinal)];

    /// <summary>Totals per model and life-cycle stage (periods without a stage are left out).</summary>
    public IReadOnlyList<InventorySummary> ByStage() =>
        [.. Periods.Where(p => p.Stage is not null).GroupBy(p => (p.Model, Stage: p.Stage!.Value))
            .OrderBy(g => g.Key.Stage).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key.Model, g.Key.Stage.ToString().ToLowerInvariant(), g))];

    private InventorySummary Summarize(string model, string group, IEnumerable<InventoryPeriod> periods)
    {
        var p = periods.ToArray();
        var demand = p.Sum(x => x.Demand);
        var holding = Policy.HoldingCost * p.Sum(x => x.EndInventory);
        var total = p.Sum(x => x.Cost);
        return new InventorySummary(model, group, p.Length, demand, demand > 0 ? p.Sum(x => x.Served) / demand : double.NaN,
            p.Count(x => x.Short > 0), p.Average(x => x.EndInventory), holding, total - holding, total);
    }
}
