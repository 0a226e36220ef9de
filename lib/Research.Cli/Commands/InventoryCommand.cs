using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Decisions.Inventory;
using Research.Forecasting.IO;

namespace Research.Cli.Commands;

/// <summary>The options of <c>research inventory</c>, checked before any file is read.</summary>
public sealed record InventoryRequest(string Forecasts, IReadOnlyList<string>? Models, InventoryPolicy Policy, string Output);

/// <summary>
/// <c>research inventory</c>: the periodic-review order-up-to policy driven by a backtest's long table
/// (<c>forecasts.csv.gz</c> of <c>research backtest</c>, or its output folder): safety stock from the errors of the first
/// rounds, the later rounds simulated; writes <c>inventory.json</c> (the policy and each model's fill rate, stock-out
/// periods, average inventory and costs, ranked by total cost) and <c>periods.csv</c> through an output folder.
/// </summary>
public static class InventoryCommand
{
    private static readonly Option<string> Forecasts = new("--forecasts") { Description = "forecasts.csv.gz written by research backtest, or its output folder.", Required = true };
    private static readonly Option<string?> Models = new("--models") { Description = "Comma-separated models of the table to simulate (default: every model)." };
    private static readonly Option<int> LeadTime = new("--lead-time") { Description = "Periods from placing an order to receiving it.", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> ServiceLevel = new("--service-level") { Description = "Target cycle service level, strictly between 0 and 1.", DefaultValueFactory = _ => 0.95 };
    private static readonly Option<string> Method = new("--safety-stock") { Description = "normal (mean and sd of the errors) or empirical (quantile of lead-time error sums).", DefaultValueFactory = _ => "normal" };
    private static readonly Option<string> Stockouts = new("--stockouts") { Description = "lost (unserved demand is lost) or backorder (owed and served later).", DefaultValueFactory = _ => "lost" };
    private static readonly Option<double> Holding = new("--holding-cost") { Description = "Cost per unit on hand at the end of a period.", DefaultValueFactory = _ => 1 };
    private static readonly Option<double> Stockout = new("--stockout-cost") { Description = "Cost per unit lost, or per unit owed at the end of a period.", DefaultValueFactory = _ => 9 };
    private static readonly Option<int> Calibration = new("--calibration-rounds") { Description = "First rounds whose errors set the safety stock; the later rounds are simulated.", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Output = new("--out") { Description = "Output folder (inventory.json, periods.csv, run.json), replaced as a unit.", DefaultValueFactory = _ => Path.Combine("artifacts", "inventory") };

    public static Command Create()
    {
        var command = new Command("inventory", "Simulate an order-up-to inventory policy on a backtest's forecasts and rank the models by cost.")
        {
            Forecasts, Models, LeadTime, ServiceLevel, Method, Stockouts, Holding, Stockout, Calibration, Output,
        };
        command.SetAction(r => Execute(Parse(r)));
        return command;
    }

    /// <summary>Every option checked; each problem names its option.</summary>
    public static InventoryRequest Parse(ParseResult r)
    {
        var forecasts = r.GetValue(Forecasts)!.Trim();
        if (Directory.Exists(forecasts)) forecasts = Path.Combine(forecasts, "forecasts.csv.gz");
        if (!File.Exists(forecasts)) throw new UsageException("--forecasts", r.GetValue(Forecasts), "no such file (give forecasts.csv.gz or the folder research backtest wrote)");
        var models = r.GetValue(Models) is { } m ? OptionValues.List("--models", m) : null;
        var lead = OptionValues.AtLeast("--lead-time", r.GetValue(LeadTime), 0);
        var level = r.GetValue(ServiceLevel);
        if (!(level > 0 && level < 1)) throw new UsageException("--service-level", level.ToString(CultureInfo.InvariantCulture), "must be strictly between 0 and 1");
        var method = r.GetValue(Method)!.Trim().ToLowerInvariant() switch
        {
            "normal" => SafetyStockMethod.Normal,
            "empirical" => SafetyStockMethod.Empirical,
            var x => throw new UsageException("--safety-stock", x, "use normal or empirical"),
        };
        var handling = r.GetValue(Stockouts)!.Trim().ToLowerInvariant() switch
        {
            "lost" => StockoutHandling.LostSales,
            "backorder" => StockoutHandling.Backorder,
            var x => throw new UsageException("--stockouts", x, "use lost or backorder"),
        };
        var holding = r.GetValue(Holding);
        if (!(holding >= 0) || double.IsInfinity(holding)) throw new UsageException("--holding-cost", holding.ToString(CultureInfo.InvariantCulture), "must be a finite number >= 0");
        var stockout = r.GetValue(Stockout);
        if (!(stockout >= 0) || double.IsInfinity(stockout)) throw new UsageException("--stockout-cost", stockout.ToString(CultureInfo.InvariantCulture), "must be a finite number >= 0");
        var calibration = OptionValues.AtLeast("--calibration-rounds", r.GetValue(Calibration), 1);
        var output = r.GetValue(Output)!;
        if (OutputFolder.Problem(output) is { } problem) throw new UsageException("--out", output, problem);
        var policy = new InventoryPolicy
        {
            LeadTime = lead, ServiceLevel = level, Method = method, Handling = handling, HoldingCost = holding, StockoutCost = stockout,
            CalibrationRounds = calibration,
        };
        return new InventoryRequest(forecasts, models, policy, output);
    }

    /// <summary>Reads the table, simulates, writes the output folder.</summary>
    public static int Execute(InventoryRequest q)
    {
        var table = ForecastTableCsv.Read(q.Forecasts);
        if (q.Models is { } wanted)
            foreach (var m in wanted)
                if (!table.Models.Contains(m, StringComparer.Ordinal))
                    throw new UsageException("--models", m, $"is not a model of {q.Forecasts}; it has: {string.Join(", ", table.Models)}");
        var rounds = table.Count == 0 ? 0 : table.Round.ToArray().Max();
        if (q.Policy.CalibrationRounds >= rounds)
            throw new UsageException("--calibration-rounds", q.Policy.CalibrationRounds.ToString(CultureInfo.InvariantCulture),
                $"leaves no round to simulate: the table has {rounds} round{(rounds == 1 ? "" : "s")}");
        var sim = InventorySimulation.Run(table, q.Policy, q.Models);
        var summary = sim.Summary();
        var p = q.Policy;
        var runId = RunId.For(["inventory", RunId.FileSha256(q.Forecasts), string.Join(",", q.Models ?? []),
            string.Create(CultureInfo.InvariantCulture, $"{p.LeadTime};{p.ServiceLevel:R};{p.Method};{p.Handling};{p.HoldingCost:R};{p.StockoutCost:R};{p.CalibrationRounds}")]);
        using var output = OutputFolder.Begin(q.Output, runId);
        var json = new JsonObject
        {
            [OutputFolder.RunIdKey] = runId,
            ["policy"] = new JsonObject
            {
                ["review"] = "periodic, every period, order-up-to S_t = forecasts of t..t+L + safety stock",
                ["lead_time"] = p.LeadTime,
                ["service_level"] = p.ServiceLevel,
                ["safety_stock"] = p.Method == SafetyStockMethod.Normal ? "normal" : "empirical",
                ["stockouts"] = p.Handling == StockoutHandling.LostSales ? "lost sales" : "backorders",
                ["holding_cost"] = p.HoldingCost,
                ["stockout_cost"] = p.StockoutCost,
                ["calibration_rounds"] = p.CalibrationRounds,
                ["simulated_rounds"] = rounds - p.CalibrationRounds,
            },
            ["models"] = new JsonArray([.. summary.Select((s, k) => (JsonNode)new JsonObject
            {
                ["model"] = s.Model,
                ["cost_rank"] = k + 1,
                ["periods"] = s.Periods,
                ["demand"] = s.Demand,
                ["fill_rate"] = s.FillRate,
                ["stockout_periods"] = s.StockoutPeriods,
                ["average_inventory"] = s.AverageInventory,
                ["holding_cost"] = s.HoldingCost,
                ["stockout_cost"] = s.StockoutCost,
                ["total_cost"] = s.TotalCost,
            })]),
        };
        output.WriteText("inventory.json", json.ToJsonString(BacktestReport.Json) + "\n");
        output.WriteText("periods.csv", Periods(sim, table.Frequency));
        output.Commit();
        foreach (var s in summary)
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Model}: total cost {s.TotalCost:F1}, fill rate {s.FillRate:F4}, stock-out periods {s.StockoutPeriods}, average inventory {s.AverageInventory:F2}"));
        return ExitCodes.Success;
    }

    private static string Periods(InventorySimulation sim, Research.Forecasting.Data.Frequency f)
    {
        var sb = new StringBuilder("model,series,time,cutoff,demand,forecast,safety_stock,order_up_to,order,served,short,end_inventory,cost\n");
        foreach (var x in sim.Periods)
            sb.Append(CultureInfo.InvariantCulture,
                $"{x.Model},{Quote(x.Series)},{f.Format(x.Time)},{f.Format(x.Cutoff)},{x.Demand:R},{x.Forecast:R},{x.SafetyStock:R},{x.OrderUpTo:R},{x.Order:R},{x.Served:R},{x.Short:R},{x.EndInventory:R},{x.Cost:R}\n");
        return sb.ToString();
    }

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
