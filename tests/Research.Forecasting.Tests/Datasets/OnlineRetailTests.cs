using System.Globalization;
using System.Text.Json;
using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;
using Research.Forecasting.Datasets;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Datasets;

public sealed class OnlineRetailFixture
{
    public Transactions Raw { get; } = OnlineRetail.LoadTransactions(Repo.Path("data", "online_retail", "online_retail.csv.gz"));
}

/// <summary>Counts on the real Online Retail lines against tests/reference/cleaning_counts.py (pandas 1.5.3).</summary>
public sealed class OnlineRetailTests(OnlineRetailFixture data) : IClassFixture<OnlineRetailFixture>
{
    private static readonly JsonElement Expected = Fixtures.Load("cleaning_counts.json").At("online_retail");

    public static TheoryData<string, TransactionProblem> Problems() => new()
    {
        { "cancellation", TransactionProblem.Cancellation },
        { "return", TransactionProblem.Return },
        { "non_product", TransactionProblem.NonProduct },
        { "non_positive_price", TransactionProblem.NonPositivePrice },
        { "missing_customer", TransactionProblem.MissingCustomer },
        { "duplicate", TransactionProblem.Duplicate },
    };

    [Fact]
    public void All_lines_are_read()
    {
        Assert.Equal(Expected.At("rows").GetInt32(), data.Raw.Count);
        var first = data.Raw[0]; // line 2: 536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
        Assert.Equal(new Transaction("536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, new DateTime(2010, 12, 1, 8, 26, 0), 2.55, "17850", "United Kingdom", 2), first);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Audit_of_each_problem_matches_pandas(string key, TransactionProblem problem)
    {
        var expected = Expected.At("problems", key);
        var row = TransactionAudit.Audit(data.Raw).Single(r => r.Problem == TransactionAudit.Label(problem));
        Assert.Equal(expected.At("lines").GetInt32(), row.Lines);
        Assert.Equal(expected.At("invoices").GetInt32(), row.Invoices);
        Assert.Equal(expected.At("products").GetInt32(), row.Products);
        Assert.Equal(expected.At("customers").GetInt32(), row.Customers);
        Assert.Equal(expected.At("revenue").GetDouble(), row.Revenue);
        Assert.Equal(expected.At("first_date").GetString(), row.First);
        Assert.Equal(expected.At("last_date").GetString(), row.Last);
    }

    [Fact]
    public void Monthly_audit_adds_up_to_the_totals()
    {
        var months = TransactionAudit.ByMonth(data.Raw);
        Assert.Equal(13, months.Count);
        Assert.Equal(data.Raw.Count, months.Sum(m => m.Lines));
        Assert.Equal(Expected.At("problems", "cancellation", "lines").GetInt32(), months.Sum(m => m.Cancellation));
        Assert.Equal(Expected.At("problems", "missing_customer", "lines").GetInt32(), months.Sum(m => m.MissingCustomer));
    }

    [Fact]
    public void Sequential_demand_cleaning_matches_pandas()
    {
        var result = Clean.Apply(data.Raw, OnlineRetail.DemandCleaning);
        var steps = Expected.At("sequential", "steps").EnumerateArray().ToArray();
        Assert.Equal(steps.Length + 1, OnlineRetail.DemandCleaning.Count); // the drops, then upper-casing
        var remaining = data.Raw.Count;
        for (var i = 0; i < steps.Length; i++)
        {
            var name = OnlineRetail.DemandCleaning[i].Name;
            var dropped = result.Report.Where(e => e.Step == name).Sum(e => e.Count);
            remaining -= dropped;
            Assert.Equal(steps[i].At("dropped").GetInt32(), dropped);
            Assert.Equal(steps[i].At("remaining").GetInt32(), remaining);
        }
        Assert.Equal(Expected.At("sequential", "demand_lines").GetInt32(), result.Transactions.Count);
        Assert.Equal(Expected.At("upper_case_codes", "lines_changed").GetInt32(), result.Report.Total("stock code in lower case"));
    }

    [Theory]
    [InlineData(false, "weekly_products")]
    [InlineData(true, "upper_case_codes")]
    public void Weekly_product_series_match_pandas(bool upperCase, string key)
    {
        var steps = OnlineRetail.DemandCleaning.Where(s => upperCase || s is not UpperCaseStockCodes);
        var demand = Clean.Apply(data.Raw, steps).Transactions;
        var weekly = demand.ToPanel(TransactionLevel.Product, Frequency.Weekly(DayOfWeek.Monday));
        var expected = Expected.At(key);
        Assert.Equal(expected.At("series").GetInt32(), weekly.SeriesCount);
        Assert.Equal(expected.At("rows").GetInt64(), weekly.RowCount);
        Assert.Equal(Expected.At("weekly_products", "quantity_sum").GetDouble(), weekly.Series.Sum(s => s.Target.ToArray().Sum()));
        var s = weekly.Find("85123A");
        var rows = expected.At("example_85123A").EnumerateArray().ToArray();
        for (var k = 0; k < rows.Length; k++)
        {
            Assert.Equal(rows[k].At("week_start").GetString(), weekly.Frequency.Format(s.Time[k]));
            Assert.Equal(rows[k].At("quantity").GetDouble(), s.Target[k]);
            Assert.Equal(rows[k].At("invoices").GetDouble(), s.Dynamic("orders")[k]);
        }
    }

    [Fact]
    public void Daily_customer_series_match_pandas()
    {
        var steps = OnlineRetail.DemandCleaning.Append(new DropLines(TransactionProblem.MissingCustomer));
        var customers = Clean.Apply(data.Raw, steps).Transactions.ToPanel(TransactionLevel.Customer, Frequency.Daily);
        var expected = Expected.At("daily_customers");
        Assert.Equal(expected.At("series").GetInt32(), customers.SeriesCount);
        Assert.Equal(expected.At("rows").GetInt64(), customers.RowCount);
        Assert.Equal(expected.At("revenue_sum").GetDouble(), Math.Round(customers.Series.Sum(s => s.Target.ToArray().Sum()), 2));
    }

    [Fact]
    public void Bad_transaction_lines_name_file_line_and_column()
    {
        using var files = new TempFiles();
        var path = files.Write("tx.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,A,x,2,2011-01-01 10:00,1.5,7,UK\n2,B,y,3,01/02/2011 10:00,1.5,7,UK\n");
        var e = Assert.Throws<DataFormatException>(() => TransactionReader.Read(path));
        Assert.Equal((3L, 5, "InvoiceDate"), (e.Line, e.Column, e.ColumnName));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        var p2 = files.Write("tx2.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,A,x,two,2011-01-01 10:00,1.5,7,UK\n");
        var e2 = Assert.Throws<DataFormatException>(() => TransactionReader.Read(p2));
        Assert.Equal((2L, 4, "Quantity"), (e2.Line, e2.Column, e2.ColumnName));
        _ = CultureInfo.InvariantCulture;
    }
}
