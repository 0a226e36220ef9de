using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>Facade: applies cleaning steps in order and collects one report.</summary>
public static class Clean
{
    /// <summary>Applies <paramref name="steps"/> to <paramref name="panel"/> in order.</summary>
    public static CleaningResult Apply(SeriesPanel panel, params IEnumerable<ICleaningStep> steps)
    {
        var result = new CleaningResult(panel, CleaningReport.Empty);
        foreach (var step in steps) result = result.Then(step);
        return result;
    }

    /// <summary>Applies transaction steps in order and collects one report.</summary>
    public static TransactionCleaningResult Apply(Transactions transactions, params IEnumerable<ITransactionStep> steps)
    {
        var result = new TransactionCleaningResult(transactions, CleaningReport.Empty);
        foreach (var step in steps)
        {
            var next = step.Apply(result.Transactions);
            result = new TransactionCleaningResult(next.Transactions, result.Report.Concat(next.Report));
        }
        return result;
    }
}
