using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Datasets;

/// <summary>
/// Dominick's Finer Foods refrigerated orange juice (bayesm <c>orangeJuice</c>; the microsoft/forecasting OJ
/// benchmark): weekly unit sales of 11 brands in 83 stores, weeks 40..160.
/// </summary>
public static class OrangeJuice
{
    /// <summary>First and last week of the data.</summary>
    public const int FirstWeek = 40, LastWeek = 160;

    /// <summary>Number of brands; brand b's price is column <c>price{b}</c>.</summary>
    public const int Brands = 11;

    /// <summary>Store demographics joined as static covariates.</summary>
    public static readonly IReadOnlyList<string> Demographics =
        ["AGE60", "EDUC", "ETHNIC", "INCOME", "HHLARGE", "WORKWOM", "HVAL150", "SSTRDIST", "SSTRVOL", "CPDIST5", "CPWVOL5"];

    /// <summary>Schema of <c>yx.csv.gz</c>: series store x brand, integer weeks, target <c>logmove</c>.</summary>
    public static PanelSchema Schema { get; } = new()
    {
        Ids = ["store", "brand"],
        Time = "week",
        Frequency = Frequency.Periods,
        Target = "logmove",
        TargetAllowsMissing = false,
        Dynamic = [.. Enumerable.Range(1, Brands).Select(b => new ColumnSpec($"price{b}")), "deal", "feat", "profit"],
    };

    /// <summary>
    /// Loads the panel: target <c>move = round(exp(logmove))</c> (units), dynamic covariates
    /// <c>price1..price11</c> (every brand's price in that store-week), <c>price</c> (the series' own brand's
    /// price), <c>deal</c>, <c>feat</c>, <c>profit</c>; the store demographics as static covariates.
    /// </summary>
    public static SeriesPanel Load(string? yxPath = null, string? storeDemoPath = null)
    {
        var raw = PanelLoader.Load(yxPath ?? DataPaths.Get("oj", "yx.csv.gz"), Schema);
        var moves = raw.WithTarget("move", logmove => Math.Round(Math.Exp(logmove)));
        var withOwn = moves.WithDynamic(new ColumnInfo("price"), s =>
        {
            var brand = int.Parse(s.Key[1], CultureInfo.InvariantCulture);
            if (brand is < 1 or > Brands)
                throw new DataFormatException(yxPath ?? "yx.csv.gz", 0, 0, "brand", $"brand {brand} is outside 1..{Brands}");
            return s.Dynamic($"price{brand}").ToArray();
        });
        var demo = CsvTable.Read(storeDemoPath ?? DataPaths.Get("oj", "storedemo.csv"));
        return withOwn.JoinStatics(demo, panelKeys: ["store"], tableKeys: ["STORE"], columns: [.. Demographics.Select(d => new ColumnSpec(d))]);
    }
}
