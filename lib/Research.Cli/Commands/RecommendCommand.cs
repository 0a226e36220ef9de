using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.Decisions.Recommendation;
using Research.Forecasting.IO;

namespace Research.Cli.Commands;

/// <summary>The options of one <c>research recommend</c> run, checked before any work.</summary>
public sealed record RecommendRequest(
    string Data, RecommendationStudyOptions Study, IReadOnlyList<string> Products, int Customers, string Output, IReadOnlyList<string> CommandLine);

/// <summary>
/// <c>research recommend</c>: collaborative filtering on Online Retail (popularity, item-item cosine, implicit ALS tuned on
/// a validation split inside the training period), precision@k, recall@k and MAP@k on the time split, and for each
/// <c>--product</c> the customers most likely to buy it.
/// </summary>
public static class RecommendCommand
{
    private static readonly Option<string?> Data = new("--data") { Description = "Online Retail transactions (.csv or .csv.gz); default data/online_retail/online_retail.csv.gz." };
    private static readonly Option<string> Split = new("--split") { Description = "Train before this date, test from it (yyyy-MM-dd).", DefaultValueFactory = _ => "2011-09-01" };
    private static readonly Option<string> ValidationSplit = new("--validation-split") { Description = "Validation split inside the training period, for tuning ALS (yyyy-MM-dd).", DefaultValueFactory = _ => "2011-06-01" };
    private static readonly Option<string> End = new("--end") { Description = "End of the test period, exclusive (yyyy-MM-dd).", DefaultValueFactory = _ => "2011-12-10" };
    private static readonly Option<int> K = new("--k") { Description = "Length of the recommendation lists.", DefaultValueFactory = _ => 10 };
    private static readonly Option<string> Factors = new("--factors") { Description = "ALS factors; a comma-separated list is searched on validation.", DefaultValueFactory = _ => "16,32,64" };
    private static readonly Option<string> Regularization = new("--regularization") { Description = "ALS L2 regularisation(s), comma-separated.", DefaultValueFactory = _ => "0.1,1,10" };
    private static readonly Option<string> Alpha = new("--alpha") { Description = "ALS confidence slope(s) (c = 1 + alpha r), comma-separated.", DefaultValueFactory = _ => "1,10,40" };
    private static readonly Option<int> Iterations = new("--iterations") { Description = "ALS sweeps.", DefaultValueFactory = _ => 15 };
    private static readonly Option<string> Solver = new("--solver") { Description = "cg (conjugate gradient) or exact (Cholesky).", DefaultValueFactory = _ => "cg" };
    private static readonly Option<string?> Product = new("--product") { Description = "Comma-separated stock codes to promote: writes targets.csv with the customers most likely to buy each." };
    private static readonly Option<int> Customers = new("--customers") { Description = "Customers listed per product.", DefaultValueFactory = _ => 20 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of ALS's initial factors.", DefaultValueFactory = _ => 42 };
    private static readonly Option<int> Threads = new("--threads") { Description = "Threads (results do not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<string> Output = new("--out")
    {
        Description = "Output folder (metrics.json, tuning.csv, targets.csv, run.json), replaced as a unit.",
        DefaultValueFactory = _ => Path.Combine("artifacts", "recommend"),
    };

    public static Command Create()
    {
        var command = new Command("recommend",
            "Collaborative filtering on Online Retail: popularity, item-item cosine and implicit ALS on a time split (precision, recall, MAP at k), "
            + "and the customers to target for a product.")
        {
            Data, Split, ValidationSplit, End, K, Factors, Regularization, Alpha, Iterations, Solver, Product, Customers, Seed, Threads, Output,
        };
        command.SetAction(r => Execute(Parse(r)));
        return command;
    }

    /// <summary>Checks every option (a <see cref="UsageException"/> naming the first one at fault).</summary>
    public static RecommendRequest Parse(ParseResult r)
    {
        var split = Date("--split", r.GetValue(Split)!);
        var validation = Date("--validation-split", r.GetValue(ValidationSplit)!);
        var end = Date("--end", r.GetValue(End)!);
        var start = new DateTime(2010, 12, 1);
        if (validation <= start) throw new UsageException("--validation-split", r.GetValue(ValidationSplit), "must be after the data's first day 2010-12-01");
        if (validation >= split) throw new UsageException("--validation-split", r.GetValue(ValidationSplit), $"must be before --split {r.GetValue(Split)} (tuning stays inside the training period)");
        if (end <= split) throw new UsageException("--end", r.GetValue(End), $"must be after --split {r.GetValue(Split)}");
        var k = OptionValues.AtLeast("--k", r.GetValue(K), 1);
        var factors = OptionValues.List("--factors", r.GetValue(Factors)).Select(t =>
            int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var f) && f >= 1 ? f : throw new UsageException("--factors", t, "factors are whole numbers of at least 1")).ToArray();
        var regularization = Numbers("--regularization", r.GetValue(Regularization), 0);
        var alpha = Numbers("--alpha", r.GetValue(Alpha), 0);
        if (factors.Length == 0) throw new UsageException("--factors", "give at least one value");
        var iterations = OptionValues.AtLeast("--iterations", r.GetValue(Iterations), 1);
        var solver = r.GetValue(Solver)!.Trim().ToLowerInvariant() switch
        {
            "cg" => AlsSolver.ConjugateGradient,
            "exact" => AlsSolver.Exact,
            var s => throw new UsageException("--solver", s, "use cg or exact"),
        };
        var threads = OptionValues.AtLeast("--threads", r.GetValue(Threads), 1);
        var customers = OptionValues.AtLeast("--customers", r.GetValue(Customers), 1);
        var output = r.GetValue(Output)!;
        if (OutputFolder.Problem(output) is { } problem) throw new UsageException("--out", output, problem);
        var data = r.GetValue(Data) ?? DataPaths.Get("online_retail", "online_retail.csv.gz");
        if (!File.Exists(data)) throw new UsageException("--data", data, "no such file");
        var study = new RecommendationStudyOptions
        {
            Start = start,
            ValidationSplit = validation,
            Split = split,
            End = end,
            K = k,
            FactorsGrid = factors,
            RegularizationGrid = regularization,
            AlphaGrid = alpha,
            Als = new AlsOptions { Iterations = iterations, Solver = solver, Seed = r.GetValue(Seed), Parallelism = threads },
        };
        var commandLine = r.Tokens.Select(t => t.Value).ToArray();
        return new RecommendRequest(data, study, OptionValues.List("--product", r.GetValue(Product)), customers, output, commandLine);
    }

    /// <summary>Runs the study and writes the output folder.</summary>
    public static int Execute(RecommendRequest q)
    {
        var cleaned = RetailInteractions.Clean(OnlineRetail.LoadTransactions(q.Data));
        var started = Stopwatch.StartNew();
        var result = RecommendationStudy.Run(cleaned, q.Study);
        foreach (var p in q.Products)
            if (result.Test.Train.ItemIndex(p) < 0)
                throw new UsageException("--product", p, $"was not sold to a known customer before --split {q.Study.Split:yyyy-MM-dd}");
        var runId = RunId.For(["recommend", RunId.FileSha256(q.Data), Canonical(q)]);
        using var output = OutputFolder.Begin(q.Output, runId);
        var chosen = result.Chosen;
        var metrics = new JsonObject
        {
            [OutputFolder.RunIdKey] = runId,
            ["data"] = new JsonObject { ["file"] = q.Data, ["cleaned_lines"] = cleaned.Count },
            ["protocol"] = new JsonObject
            {
                ["validation_split"] = Iso(q.Study.ValidationSplit),
                ["split"] = Iso(q.Study.Split),
                ["end_exclusive"] = Iso(q.Study.End),
                ["k"] = q.Study.K,
                ["matrix"] = "customer x product, r = number of invoices with the product; relevant = products bought in the test period and not in training",
                ["train_users"] = result.Test.Train.Users.Count,
                ["train_items"] = result.Test.Train.Items.Count,
                ["train_nonzeros"] = result.Test.Train.NonZeros,
                ["test_users"] = result.Test.Relevant.Count,
            },
            ["als"] = new JsonObject
            {
                ["factors"] = chosen.Factors,
                ["regularization"] = chosen.Regularization,
                ["alpha"] = chosen.Alpha,
                ["iterations"] = chosen.Iterations,
                ["solver"] = chosen.Solver == AlsSolver.Exact ? "exact" : "cg",
                ["cg_steps"] = chosen.CgSteps,
                ["seed"] = chosen.Seed,
                ["chosen_on"] = "validation MAP@k",
            },
            ["methods"] = new JsonArray([.. result.Scores.Select(s => (JsonNode)new JsonObject
            {
                ["method"] = s.Method,
                ["users"] = s.Users,
                ["precision"] = s.Precision,
                ["recall"] = s.Recall,
                ["map"] = s.Map,
            })]),
        };
        output.WriteText("metrics.json", metrics.ToJsonString(BacktestReport.Json) + "\n");
        var tuning = new StringBuilder("factors,regularization,alpha,validation_map\n");
        foreach (var t in result.Trials) tuning.Append(CultureInfo.InvariantCulture, $"{t.Factors},{R(t.Regularization)},{R(t.Alpha)},{R(t.Map)}\n");
        output.WriteText("tuning.csv", tuning.ToString());
        if (q.Products.Count > 0)
        {
            var targets = new StringBuilder("product,method,rank,customer,score\n");
            foreach (var p in q.Products)
            {
                foreach (var c in Targeting.Customers(result.Als, p, q.Customers)) targets.Append(CultureInfo.InvariantCulture, $"{Csv(p)},als,{c.Rank},{c.Customer},{R(c.Score)}\n");
                foreach (var c in Targeting.Customers(result.Cosine, result.Test.Train, p, q.Customers)) targets.Append(CultureInfo.InvariantCulture, $"{Csv(p)},cosine,{c.Rank},{c.Customer},{R(c.Score)}\n");
            }
            output.WriteText("targets.csv", targets.ToString());
        }
        output.Commit(new JsonObject
        {
            ["command"] = "research recommend",
            ["arguments"] = new JsonArray([.. q.CommandLine.Select(t => JsonValue.Create(t))]),
            ["data_sha256"] = RunId.FileSha256(q.Data),
        });
        Terminal.Line($"{"method",-18} {"precision@" + q.Study.K,12} {"recall@" + q.Study.K,10} {"MAP@" + q.Study.K,8}");
        foreach (var s in result.Scores)
            Terminal.Line(string.Create(CultureInfo.InvariantCulture, $"{s.Method,-18} {s.Precision,12:F4} {s.Recall,10:F4} {s.Map,8:F4}"));
        Terminal.Line(string.Create(CultureInfo.InvariantCulture,
            $"ALS f={chosen.Factors} lambda={R(chosen.Regularization)} alpha={R(chosen.Alpha)} ({result.Trials.Count} settings tried on validation); "
            + $"fit {result.AlsSeconds:F1} s on {result.Test.Train}; whole run {started.Elapsed.TotalSeconds:F0} s"));
        Terminal.Line($"wrote {output.Target}");
        return ExitCodes.Success;
    }

    /// <summary>The options that decide the outputs (not the output folder or the threads), for the run id.</summary>
    private static string Canonical(RecommendRequest q)
    {
        var s = q.Study;
        return string.Join('|', Iso(s.ValidationSplit), Iso(s.Split), Iso(s.End), s.K.ToString(CultureInfo.InvariantCulture),
            string.Join(',', s.FactorsGrid), string.Join(',', s.RegularizationGrid.Select(R)), string.Join(',', s.AlphaGrid.Select(R)),
            s.Als.Iterations.ToString(CultureInfo.InvariantCulture), s.Als.Solver.ToString(), s.Als.Seed.ToString(CultureInfo.InvariantCulture),
            string.Join(',', q.Products), q.Customers.ToString(CultureInfo.InvariantCulture));
    }

    private static DateTime Date(string option, string text)
    {
        var day = OptionValues.Period(option, text, Frequency.Daily);
        return Frequency.Daily.ToDate(day).ToDateTime(TimeOnly.MinValue);
    }

    private static double[] Numbers(string option, string? text, double minimum)
    {
        var values = OptionValues.List(option, text).Select(t => OptionValues.Number(option, t)).ToArray();
        if (values.Length == 0) throw new UsageException(option, "give at least one value");
        foreach (var v in values)
            if (v < minimum) throw new UsageException(option, R(v), $"must be at least {R(minimum)}");
        return values;
    }

    private static string Iso(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
