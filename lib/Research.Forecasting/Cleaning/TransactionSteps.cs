using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>A cleaning step over transaction lines.</summary>
public interface ITransactionStep
{
    string Name { get; }

    TransactionCleaningResult Apply(Transactions transactions);
}

/// <summary>Transactions after cleaning, with the report of every step applied so far.</summary>
public sealed record TransactionCleaningResult(Transactions Transactions, CleaningReport Report);

/// <summary>Drops the lines that have one <see cref="TransactionProblem"/>; the report counts them per month.</summary>
/// <param name="Problem">The problem whose lines are dropped.</param>
public sealed record DropLines(TransactionProblem Problem) : ITransactionStep
{
    public string Name => $"Drop{Problem}";

    public TransactionCleaningResult Apply(Transactions transactions)
    {
        var flags = TransactionRules.Flags(transactions, Problem);
        var keep = flags.Select(f => !f).ToArray();
        var months = new SortedDictionary<long, int>();
        for (var i = 0; i < flags.Length; i++)
        {
            if (!flags[i]) continue;
            var m = Frequency.Monthly.Floor(DateOnly.FromDateTime(transactions.Time[i]));
            months[m] = months.GetValueOrDefault(m) + 1;
        }
        var entries = months.Select(kv =>
        {
            var label = Frequency.Monthly.Format(kv.Key);
            return new CleaningEntry(Name, label, TransactionAudit.Label(Problem), kv.Value, label, label, label, Changed: true);
        });
        return new TransactionCleaningResult(transactions.Filter(keep), new CleaningReport(entries));
    }
}

/// <summary>
/// Upper-cases stock codes: in UCI Online Retail, 112 codes also appear in lower case for the same product
/// (<c>85123a</c> is the WHITE HANGING HEART T-LIGHT HOLDER of <c>85123A</c>), which would split one product's
/// demand into two series. The report counts the changed lines per month.
/// </summary>
public sealed record UpperCaseStockCodes : ITransactionStep
{
    public string Name => "UpperCaseStockCodes";

    public TransactionCleaningResult Apply(Transactions transactions)
    {
        var result = transactions.MapStockCodes(c => c.ToUpperInvariant());
        var months = new SortedDictionary<long, int>();
        for (var i = 0; i < transactions.Count; i++)
        {
            if (ReferenceEquals(transactions.StockCode(i), result.StockCode(i)) || string.Equals(transactions.StockCode(i), result.StockCode(i), StringComparison.Ordinal)) continue;
            var m = Frequency.Monthly.Floor(DateOnly.FromDateTime(transactions.Time[i]));
            months[m] = months.GetValueOrDefault(m) + 1;
        }
        var entries = months.Select(kv =>
        {
            var label = Frequency.Monthly.Format(kv.Key);
            return new CleaningEntry(Name, label, "stock code in lower case", kv.Value, label, label, label, Changed: true);
        });
        return new TransactionCleaningResult(result, new CleaningReport(entries));
    }
}
