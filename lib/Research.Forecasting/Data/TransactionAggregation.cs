namespace Research.Forecasting.Data;

/// <summary>What a series of aggregated transactions is about.</summary>
public enum TransactionLevel
{
    /// <summary>One series per stock code; target = units sold.</summary>
    Product,
    /// <summary>One series per customer; target = revenue. Lines without a customer are skipped.</summary>
    Customer,
}

/// <summary>Aggregates transaction lines into a panel of product or customer series.</summary>
public static class TransactionAggregation
{
    /// <summary>
    /// One row per (series, period) that has at least one line: target <c>quantity</c> (products) or
    /// <c>revenue</c> (customers), dynamic covariates <c>quantity</c>/<c>revenue</c> (the other measure),
    /// <c>orders</c> (distinct invoices) and <c>lines</c>. Periods without lines are absent: complete the
    /// grid and fill with zero (see <c>Cleaning</c>) to make them explicit. Times are floored to the period
    /// (daily, weekly from <see cref="Frequency.WeekStart"/>, or monthly).
    /// </summary>
    public static SeriesPanel ToPanel(this Transactions transactions, TransactionLevel level, Frequency frequency)
    {
        if (!frequency.IsCalendar) throw new ArgumentException("transactions aggregate to a calendar frequency", nameof(frequency));
        var byKey = new Dictionary<string, SortedDictionary<long, Cell>>(StringComparer.Ordinal);
        var invoicesSeen = new HashSet<(string Key, long Period, string Invoice)>();
        var time = transactions.Time;
        var qty = transactions.Quantity;
        var price = transactions.UnitPrice;
        for (var i = 0; i < transactions.Count; i++)
        {
            var key = level == TransactionLevel.Product ? transactions.StockCode(i) : transactions.CustomerId(i);
            if (key is null) continue;
            var period = frequency.Floor(DateOnly.FromDateTime(time[i]));
            if (!byKey.TryGetValue(key, out var series)) byKey[key] = series = [];
            series.TryGetValue(period, out var cell);
            cell.Quantity += qty[i];
            cell.Revenue += qty[i] * price[i];
            cell.Lines++;
            if (invoicesSeen.Add((key, period, transactions.Invoice(i)))) cell.Orders++;
            series[period] = cell;
        }
        var (target, other) = level == TransactionLevel.Product ? ("quantity", "revenue") : ("revenue", "quantity");
        var b = new PanelBuilder(
            frequency,
            [level == TransactionLevel.Product ? "StockCode" : "CustomerID"],
            target,
            [new ColumnInfo(other), new ColumnInfo("orders"), new ColumnInfo("lines")]);
        foreach (var key in byKey.Keys.Order(Comparer<string>.Create(KeyComparer.CompareValue)))
        {
            var cells = byKey[key];
            var t = cells.Keys.ToArray();
            var values = cells.Values.ToArray();
            var q = values.Select(c => c.Quantity).ToArray();
            var r = values.Select(c => Math.Round(c.Revenue, 6)).ToArray();
            b.Add(
                [key],
                t,
                level == TransactionLevel.Product ? q : r,
                [level == TransactionLevel.Product ? r : q, values.Select(c => (double)c.Orders).ToArray(), values.Select(c => (double)c.Lines).ToArray()]);
        }
        return b.Build();
    }

    private struct Cell
    {
        public double Quantity;
        public double Revenue;
        public int Orders;
        public int Lines;
    }
}
