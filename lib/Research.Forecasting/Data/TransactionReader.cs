using System.Text;

namespace Research.Forecasting.Data;

/// <summary>Names of the columns of a transaction file.</summary>
public sealed record TransactionSchema
{
    public string Invoice { get; init; } = "InvoiceNo";
    public string StockCode { get; init; } = "StockCode";
    public string Description { get; init; } = "Description";
    public string Quantity { get; init; } = "Quantity";
    public string Time { get; init; } = "InvoiceDate";
    public string UnitPrice { get; init; } = "UnitPrice";
    public string Customer { get; init; } = "CustomerID";
    public string Country { get; init; } = "Country";
}

/// <summary>Reads a transaction file (<c>.csv</c> or <c>.csv.gz</c>) into <see cref="Transactions"/>.</summary>
public static class TransactionReader
{
    /// <summary>
    /// Reads every line. Quantity and price must be finite numbers and the time an ISO date-time; an empty
    /// customer becomes null and an empty description "". Any other problem stops the read with an error
    /// naming the file, line and column.
    /// </summary>
    public static Transactions Read(string path, TransactionSchema? schema = null)
    {
        schema ??= new TransactionSchema();
        var csv = CsvReader.Open(path);
        csv.ReadHeader();
        int cInv = csv.Require(schema.Invoice), cCode = csv.Require(schema.StockCode), cDesc = csv.Require(schema.Description),
            cQty = csv.Require(schema.Quantity), cTime = csv.Require(schema.Time), cPrice = csv.Require(schema.UnitPrice),
            cCust = csv.Require(schema.Customer), cCountry = csv.Require(schema.Country);
        var pool = new StringPool();
        List<string> inv = [], code = [], desc = [], country = [];
        List<string?> cust = [];
        List<double> qty = [], price = [];
        List<DateTime> time = [];
        List<int> line = [];
        var width = csv.Header.Count;
        while (csv.Read())
        {
            if (csv.FieldCount != width)
                throw csv.Error(-1, $"the record has {csv.FieldCount} fields but the header has {width}");
            var invoice = csv.Field(cInv);
            if (invoice.IsEmpty) throw csv.Error(cInv, "the invoice number is empty");
            inv.Add(pool.Get(invoice));
            var stock = csv.Field(cCode);
            if (stock.IsEmpty) throw csv.Error(cCode, "the stock code is empty");
            code.Add(pool.Get(stock));
            desc.Add(pool.Get(csv.Field(cDesc)));
            qty.Add(PanelLoader.ReadNumber(csv, cQty, allowMissing: false));
            var t = csv.Field(cTime);
            if (!FieldParser.TryParseIsoDateTime(t, out var when))
                throw csv.Error(cTime, $"'{Encoding.UTF8.GetString(t)}' is not a date-time like 2010-12-01 08:26:00");
            time.Add(when);
            price.Add(PanelLoader.ReadNumber(csv, cPrice, allowMissing: false));
            var c = csv.Field(cCust);
            cust.Add(c.IsEmpty ? null : pool.Get(c));
            country.Add(pool.Get(csv.Field(cCountry)));
            line.Add(csv.Line);
        }
        if (inv.Count == 0) throw new DataFormatException(path, 2, 0, null, "the file has a header but no data rows");
        return new Transactions(path, [.. inv], [.. code], [.. desc], [.. qty], [.. time], [.. price], [.. cust], [.. country], [.. line]);
    }

    private sealed class StringPool
    {
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
        private char[] _chars = new char[256];

        public string Get(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty) return "";
            if (_chars.Length < utf8.Length) _chars = new char[utf8.Length * 2];
            var n = Encoding.UTF8.GetChars(utf8, _chars);
            var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(_chars.AsSpan(0, n), out var s)) return s;
            s = new string(_chars, 0, n);
            _strings.Add(s, s);
            return s;
        }
    }
}
