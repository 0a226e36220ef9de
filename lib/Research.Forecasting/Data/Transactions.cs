using System.Collections;

namespace Research.Forecasting.Data;

/// <summary>One transaction line (a row of <see cref="Transactions"/>).</summary>
public sealed record Transaction(
    string Invoice,
    string StockCode,
    string Description,
    double Quantity,
    DateTime Time,
    double UnitPrice,
    string? CustomerId,
    string Country,
    int Line)
{
    public bool IsCancellation => Invoice.StartsWith('C');

    public double Revenue => Quantity * UnitPrice;
}

/// <summary>
/// An immutable columnar table of transaction lines (invoice, item, quantity, time, price, customer,
/// country), with the source line of every row kept for tracing. Text columns are interned.
/// </summary>
public sealed class Transactions : IReadOnlyList<Transaction>
{
    private readonly string[] _invoice, _stockCode, _description, _country;
    private readonly string?[] _customer;
    private readonly double[] _quantity, _unitPrice;
    private readonly DateTime[] _time;
    private readonly int[] _line;

    internal Transactions(
        string source,
        string[] invoice,
        string[] stockCode,
        string[] description,
        double[] quantity,
        DateTime[] time,
        double[] unitPrice,
        string?[] customer,
        string[] country,
        int[] line)
    {
        Source = source;
        _invoice = invoice;
        _stockCode = stockCode;
        _description = description;
        _quantity = quantity;
        _time = time;
        _unitPrice = unitPrice;
        _customer = customer;
        _country = country;
        _line = line;
    }

    /// <summary>The file the lines came from.</summary>
    public string Source { get; }

    public int Count => _invoice.Length;

    public Transaction this[int index] => new(
        _invoice[index], _stockCode[index], _description[index], _quantity[index], _time[index],
        _unitPrice[index], _customer[index], _country[index], _line[index]);

    public ReadOnlySpan<double> Quantity => _quantity;

    public ReadOnlySpan<double> UnitPrice => _unitPrice;

    public ReadOnlySpan<DateTime> Time => _time;

    public ReadOnlySpan<int> Line => _line;

    public string Invoice(int i) => _invoice[i];

    public string StockCode(int i) => _stockCode[i];

    public string Description(int i) => _description[i];

    public string? CustomerId(int i) => _customer[i];

    public string Country(int i) => _country[i];

    /// <summary>The lines whose flag in <paramref name="keep"/> is true, in order.</summary>
    public Transactions Filter(ReadOnlySpan<bool> keep)
    {
        if (keep.Length != Count) throw new ArgumentException($"{keep.Length} flags for {Count} lines", nameof(keep));
        var idx = new List<int>(Count);
        for (var i = 0; i < keep.Length; i++) if (keep[i]) idx.Add(i);
        return new Transactions(
            Source,
            Pick(_invoice, idx), Pick(_stockCode, idx), Pick(_description, idx), Pick(_quantity, idx), Pick(_time, idx),
            Pick(_unitPrice, idx), Pick(_customer, idx), Pick(_country, idx), Pick(_line, idx));
    }

    /// <summary>The same lines with every stock code mapped by <paramref name="map"/> (other columns shared).</summary>
    public Transactions MapStockCodes(Func<string, string> map)
    {
        var cache = new Dictionary<string, string>(StringComparer.Ordinal);
        var codes = new string[Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var code = _stockCode[i];
            if (!cache.TryGetValue(code, out var mapped)) cache[code] = mapped = map(code);
            codes[i] = mapped;
        }
        return new Transactions(Source, _invoice, codes, _description, _quantity, _time, _unitPrice, _customer, _country, _line);
    }

    public IEnumerator<Transaction> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        Count == 0 ? $"Transactions: 0 lines from {Path.GetFileName(Source)}"
        : $"Transactions: {Count:N0} lines from {Path.GetFileName(Source)}, {_time.Min():yyyy-MM-dd}..{_time.Max():yyyy-MM-dd}";

    private static T[] Pick<T>(T[] values, List<int> idx)
    {
        var result = new T[idx.Count];
        for (var k = 0; k < result.Length; k++) result[k] = values[idx[k]];
        return result;
    }
}
