using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;

namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>
/// A time split of Online Retail for recommendation: the customer x product matrix of the training period
/// (<c>r_ui</c> = number of distinct invoices in which customer u bought product i) and, for the evaluation period,
/// each training customer's set of products bought then that they had not bought in training (the products to
/// discover; products unknown in training are left out, no method can recommend them).
/// </summary>
/// <param name="Train">The training matrix.</param>
/// <param name="Relevant">Per user index of <see cref="Train"/>: the evaluation-period products (item indexes), users with none omitted.</param>
/// <param name="From">First instant of the evaluation period.</param>
/// <param name="To">End (exclusive) of the evaluation period.</param>
public sealed record RetailSplit(InteractionMatrix Train, IReadOnlyDictionary<int, HashSet<int>> Relevant, DateTime From, DateTime To);

/// <summary>Customer x product matrices from Online Retail transactions.</summary>
public static class RetailInteractions
{
    /// <summary>
    /// The cleaning for customer-level work: <see cref="OnlineRetail.DemandCleaning"/> then lines without a customer
    /// dropped.
    /// </summary>
    public static IReadOnlyList<ITransactionStep> CustomerCleaning { get; } =
        [.. OnlineRetail.DemandCleaning, new DropLines(TransactionProblem.MissingCustomer)];

    /// <summary>Cleans raw transactions with <see cref="CustomerCleaning"/>.</summary>
    public static Transactions Clean(Transactions raw) => Cleaning.Clean.Apply(raw, CustomerCleaning).Transactions;

    /// <summary>
    /// The matrix of the lines with <c>from &lt;= time &lt; to</c> (cleaned, every line with a customer); users and
    /// items sorted ordinally.
    /// </summary>
    public static InteractionMatrix Matrix(Transactions cleaned, DateTime from, DateTime to)
    {
        ArgumentNullException.ThrowIfNull(cleaned);
        var pairs = new HashSet<(string User, string Item, string Invoice)>();
        var time = cleaned.Time;
        for (var k = 0; k < cleaned.Count; k++)
        {
            if (time[k] < from || time[k] >= to) continue;
            var customer = cleaned.CustomerId(k);
            if (string.IsNullOrEmpty(customer)) continue;
            pairs.Add((customer, cleaned.StockCode(k), cleaned.Invoice(k)));
        }
        var users = pairs.Select(p => p.User).Distinct().Order(StringComparer.Ordinal).ToArray();
        var items = pairs.Select(p => p.Item).Distinct().Order(StringComparer.Ordinal).ToArray();
        var ui = users.Select((u, i) => (u, i)).ToDictionary(p => p.u, p => p.i, StringComparer.Ordinal);
        var ii = items.Select((u, i) => (u, i)).ToDictionary(p => p.u, p => p.i, StringComparer.Ordinal);
        return new InteractionMatrix(users, items, pairs.Select(p => (ui[p.User], ii[p.Item], 1.0)));
    }

    /// <summary>
    /// The split at <paramref name="split"/>: training matrix of <c>[trainFrom, split)</c>, evaluation sets from
    /// <c>[split, to)</c> (see <see cref="RetailSplit"/>).
    /// </summary>
    public static RetailSplit Split(Transactions cleaned, DateTime trainFrom, DateTime split, DateTime to)
    {
        var train = Matrix(cleaned, trainFrom, split);
        var relevant = new Dictionary<int, HashSet<int>>();
        var time = cleaned.Time;
        for (var k = 0; k < cleaned.Count; k++)
        {
            if (time[k] < split || time[k] >= to) continue;
            var u = train.UserIndex(cleaned.CustomerId(k) ?? "");
            var i = train.ItemIndex(cleaned.StockCode(k));
            if (u < 0 || i < 0 || train.ItemsOf(u).BinarySearch(i) >= 0) continue;
            if (!relevant.TryGetValue(u, out var set)) relevant[u] = set = [];
            set.Add(i);
        }
        return new RetailSplit(train, relevant, split, to);
    }
}
