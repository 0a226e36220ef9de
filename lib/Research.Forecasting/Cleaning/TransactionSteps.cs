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
