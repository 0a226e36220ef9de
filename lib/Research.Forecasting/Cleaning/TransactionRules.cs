using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>The rule behind each <see cref="TransactionProblem"/>, as a flag per line.</summary>
public static class TransactionRules
{
    /// <summary>
    /// Stock codes of UCI Online Retail that are not merchandise: postage (<c>POST</c>, <c>DOT</c>), carriage
    /// (<c>C2</c>), manual entries (<c>M</c>, <c>m</c>), discount (<c>D</c>), samples (<c>S</c>), bad-debt adjustment
    /// (<c>B</c>), bank charges, Amazon fee, CRUK commission and the <c>PADS</c> placeholder; gift vouchers are
    /// matched by the prefix <see cref="GiftVoucherPrefix"/>. The <c>DCGS…</c> codes are real products and stay.
    /// </summary>
    public static IReadOnlySet<string> NonProductCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "POST", "DOT", "C2", "M", "m", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS",
    };

    public const string GiftVoucherPrefix = "gift_0001_";

    public static bool IsNonProductCode(string stockCode) =>
        NonProductCodes.Contains(stockCode) || stockCode.StartsWith(GiftVoucherPrefix, StringComparison.Ordinal);

    /// <summary>One flag per line: true when the line has <paramref name="problem"/>.</summary>
    public static bool[] Flags(Transactions tx, TransactionProblem problem)
    {
        var flags = new bool[tx.Count];
        var qty = tx.Quantity;
        var price = tx.UnitPrice;
        switch (problem)
        {
            case TransactionProblem.Cancellation:
                for (var i = 0; i < flags.Length; i++) flags[i] = tx.Invoice(i).StartsWith('C');
                break;
            case TransactionProblem.Return:
                for (var i = 0; i < flags.Length; i++) flags[i] = qty[i] < 0;
                break;
            case TransactionProblem.NonProduct:
                for (var i = 0; i < flags.Length; i++) flags[i] = IsNonProductCode(tx.StockCode(i));
                break;
            case TransactionProblem.NonPositivePrice:
                for (var i = 0; i < flags.Length; i++) flags[i] = price[i] <= 0;
                break;
            case TransactionProblem.MissingCustomer:
                for (var i = 0; i < flags.Length; i++) flags[i] = tx.CustomerId(i) is null;
                break;
            case TransactionProblem.Duplicate:
                var seen = new HashSet<(string, string, string, double, DateTime, double, string?, string)>();
                for (var i = 0; i < flags.Length; i++)
                    flags[i] = !seen.Add((tx.Invoice(i), tx.StockCode(i), tx.Description(i), qty[i], tx.Time[i], price[i], tx.CustomerId(i), tx.Country(i)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown problem");
        }
        return flags;
    }
}
