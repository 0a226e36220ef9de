using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;

namespace Research.Forecasting.Datasets;

/// <summary>UCI Online Retail: every line of a UK online gift retailer's invoices, 2010-12-01..2011-12-09 (CC BY 4.0).</summary>
public static class OnlineRetail
{
    /// <summary>Reads the raw transaction lines (nothing dropped).</summary>
    public static Transactions LoadTransactions(string? path = null) =>
        TransactionReader.Read(path ?? DataPaths.Get("online_retail", "online_retail.csv.gz"));

    /// <summary>
    /// The cleaning used for demand series: drop exact duplicates, cancellations, remaining returns,
    /// non-product codes and non-positive prices, in that order, then upper-case stock codes (the same product
    /// appears under <c>85123A</c> and <c>85123a</c>). Lines without a customer stay (they are real sales);
    /// drop them too (<see cref="TransactionProblem.MissingCustomer"/>) for customer-level work.
    /// </summary>
    public static IReadOnlyList<ITransactionStep> DemandCleaning { get; } =
    [
        new DropLines(TransactionProblem.Duplicate),
        new DropLines(TransactionProblem.Cancellation),
        new DropLines(TransactionProblem.Return),
        new DropLines(TransactionProblem.NonProduct),
        new DropLines(TransactionProblem.NonPositivePrice),
        new UpperCaseStockCodes(),
    ];
}
