using Research.Forecasting.Data;
using Research.Forecasting.Reporting;

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

/// <summary>Lines of one month, and how many of them have each problem.</summary>
public sealed record TransactionMonth(string Month, int Lines, int Cancellation, int Return, int NonProduct, int NonPositivePrice, int MissingCustomer, int Duplicate);

/// <summary>What is wrong with raw transaction lines, before anything is dropped.</summary>
public static class TransactionAudit
{
    /// <summary>One row per <see cref="TransactionProblem"/>, each counted on the raw table independently.</summary>
    public static Table<TransactionAuditRow> Audit(Transactions tx) =>
        Enum.GetValues<TransactionProblem>().Select(p => Row(tx, p, TransactionRules.Flags(tx, p))).ToTable();

    /// <summary>Lines per month with each problem, counted independently on the raw table.</summary>
    public static Table<TransactionMonth> ByMonth(Transactions tx)
    {
        var problems = Enum.GetValues<TransactionProblem>();
        var flags = problems.Select(p => TransactionRules.Flags(tx, p)).ToArray();
        var table = new SortedDictionary<long, int[]>();
        for (var i = 0; i < tx.Count; i++)
        {
            var m = Frequency.Monthly.Floor(DateOnly.FromDateTime(tx.Time[i]));
            if (!table.TryGetValue(m, out var row)) table[m] = row = new int[problems.Length + 1];
            row[0]++;
            for (var p = 0; p < problems.Length; p++) if (flags[p][i]) row[(int)problems[p] + 1]++;
        }
        return table.Select(kv => new TransactionMonth(
            Frequency.Monthly.Format(kv.Key), kv.Value[0],
            kv.Value[1 + (int)TransactionProblem.Cancellation], kv.Value[1 + (int)TransactionProblem.Return],
            kv.Value[1 + (int)TransactionProblem.NonProduct], kv.Value[1 + (int)TransactionProblem.NonPositivePrice],
            kv.Value[1 + (int)TransactionProblem.MissingCustomer], kv.Value[1 + (int)TransactionProblem.Duplicate])).ToTable();
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
