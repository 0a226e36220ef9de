using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>How many lines of a transaction table have one problem, and what they touch.</summary>
/// <param name="Problem">The problem, as a label.</param>
/// <param name="Lines">Lines with the problem (problems overlap: a cancellation line is also a return).</param>
/// <param name="Share">Lines as a share of all lines.</param>
/// <param name="Invoices">Distinct invoices among those lines.</param>
/// <param name="Products">Distinct stock codes.</param>
/// <param name="Customers">Distinct customers (lines without one not counted).</param>
/// <param name="Revenue">Sum of quantity x unit price over those lines.</param>
/// <param name="First">Date of the first such line.</param>
/// <param name="Last">Date of the last.</param>
public sealed record TransactionAuditRow(string Problem, int Lines, double Share, int Invoices, int Products, int Customers, double Revenue, string First, string Last);

/// <summary>What is wrong with raw transaction lines, before anything is dropped.</summary>
public static class TransactionAudit
{
    /// <summary>One row per <see cref="TransactionProblem"/>, each counted on the raw table independently.</summary>
    public static IReadOnlyList<TransactionAuditRow> Audit(Transactions tx) =>
        Enum.GetValues<TransactionProblem>().Select(p => Row(tx, p, TransactionRules.Flags(tx, p))).ToArray();

    /// <summary>Lines per month (rows) and problem (columns), counted independently on the raw table.</summary>
    public static IReadOnlyList<(string Month, IReadOnlyDictionary<string, int> Lines)> ByMonth(Transactions tx)
    {
        var problems = Enum.GetValues<TransactionProblem>();
        var flags = problems.Select(p => TransactionRules.Flags(tx, p)).ToArray();
        var table = new SortedDictionary<long, Dictionary<string, int>>();
        for (var i = 0; i < tx.Count; i++)
        {
            var m = Frequency.Monthly.Floor(DateOnly.FromDateTime(tx.Time[i]));
            if (!table.TryGetValue(m, out var row))
                table[m] = row = problems.ToDictionary(p => Label(p), _ => 0, StringComparer.Ordinal);
            row["all lines"] = row.GetValueOrDefault("all lines") + 1;
            for (var p = 0; p < problems.Length; p++) if (flags[p][i]) row[Label(problems[p])]++;
        }
        return table.Select(kv => (Frequency.Monthly.Format(kv.Key), (IReadOnlyDictionary<string, int>)kv.Value)).ToArray();
    }

    /// <summary>Report label of a problem.</summary>
    public static string Label(TransactionProblem problem) => problem switch
    {
        TransactionProblem.Cancellation => "cancellation",
        TransactionProblem.Return => "return (negative quantity)",
        TransactionProblem.NonProduct => "non-product stock code",
        TransactionProblem.NonPositivePrice => "non-positive price",
        TransactionProblem.MissingCustomer => "missing customer",
        TransactionProblem.Duplicate => "duplicate line",
        _ => problem.ToString(),
    };

    private static TransactionAuditRow Row(Transactions tx, TransactionProblem problem, bool[] flags)
    {
        var invoices = new HashSet<string>(StringComparer.Ordinal);
        var products = new HashSet<string>(StringComparer.Ordinal);
        var customers = new HashSet<string>(StringComparer.Ordinal);
        var lines = 0;
        var revenue = 0.0;
        DateTime? first = null, last = null;
        for (var i = 0; i < flags.Length; i++)
        {
            if (!flags[i]) continue;
            lines++;
            invoices.Add(tx.Invoice(i));
            products.Add(tx.StockCode(i));
            if (tx.CustomerId(i) is { } c) customers.Add(c);
            revenue += tx.Quantity[i] * tx.UnitPrice[i];
            var t = tx.Time[i];
            if (first is null || t < first) first = t;
            if (last is null || t > last) last = t;
        }
        return new TransactionAuditRow(
            Label(problem), lines, tx.Count == 0 ? 0 : Math.Round((double)lines / tx.Count, 6), invoices.Count, products.Count, customers.Count,
            Math.Round(revenue, 2), first?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            last?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");
    }
}
