using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Datasets;

/// <summary>Rossmann Store Sales (Kaggle 2015): daily sales of 1,115 German drug stores, 2013-01-01..2015-07-31.</summary>
public static class Rossmann
{
    /// <summary>Schema of <c>train.csv.gz</c>: one series per store, daily, target <c>Sales</c>.</summary>
    public static PanelSchema Schema { get; } = new()
    {
        Ids = ["Store"],
        Time = "Date",
        Frequency = Frequency.Daily,
        Target = "Sales",
        TargetAllowsMissing = false,
        Dynamic = ["Customers", "Open", "Promo", ColumnSpec.Category("StateHoliday"), "SchoolHoliday"],
    };

    /// <summary>Store metadata columns joined as static covariates.</summary>
    public static IReadOnlyList<ColumnSpec> StoreColumns { get; } =
    [
        ColumnSpec.Category("StoreType"),
        ColumnSpec.Category("Assortment"),
        ColumnSpec.Optional("CompetitionDistance"),
        ColumnSpec.Optional("CompetitionOpenSinceMonth"),
        ColumnSpec.Optional("CompetitionOpenSinceYear"),
        "Promo2",
        ColumnSpec.Optional("Promo2SinceWeek"),
        ColumnSpec.Optional("Promo2SinceYear"),
        ColumnSpec.Category("PromoInterval", allowMissing: true),
    ];

    /// <summary>
    /// Loads the daily store panel with the store metadata as static covariates and one more dynamic
    /// covariate, <c>Promo2Active</c> (see <see cref="IsPromo2Active"/>).
    /// </summary>
    public static SeriesPanel Load(string? trainPath = null, string? storePath = null)
    {
        var train = PanelLoader.Load(trainPath ?? DataPaths.Get("rossmann", "train.csv.gz"), Schema);
        var stores = CsvTable.Read(storePath ?? DataPaths.Get("rossmann", "store.csv"));
        var panel = train.JoinStatics(stores, panelKeys: ["Store"], tableKeys: ["Store"], columns: StoreColumns);
        return panel.WithDynamic(new ColumnInfo("Promo2Active"), s =>
        {
            var rule = new Promo2Rule(s.Static("Promo2") == 1, s.Static("Promo2SinceWeek"), s.Static("Promo2SinceYear"), s.StaticLabel("PromoInterval"));
            var times = s.Time;
            var active = new double[times.Length];
            for (var k = 0; k < times.Length; k++) active[k] = rule.IsActive(DateOnly.FromDayNumber((int)times[k])) ? 1 : 0;
            return active;
        });
    }

    /// <summary>
    /// Whether the store's continuing promotion "Promo2" is in a fresh round on <paramref name="date"/>:
    /// the store takes part (<c>Promo2 = 1</c>), the date is on or after the Monday of ISO week
    /// <c>Promo2SinceWeek</c> of <c>Promo2SinceYear</c>, and the date's month is one of <c>PromoInterval</c>
    /// (e.g. "Jan,Apr,Jul,Oct": the months in which a round starts). This is the usual reading of the
    /// Kaggle data description ("PromoInterval - describes the consecutive intervals Promo2 is started").
    /// </summary>
    public static bool IsPromo2Active(DateOnly date, bool promo2, double sinceWeek, double sinceYear, string promoInterval) =>
        new Promo2Rule(promo2, sinceWeek, sinceYear, promoInterval).IsActive(date);

    /// <summary><see cref="IsPromo2Active"/> for one store, parsed once.</summary>
    private readonly struct Promo2Rule
    {
        private readonly DateOnly _start;
        private readonly int _months; // bit m-1 set when month m starts a round

        public Promo2Rule(bool promo2, double sinceWeek, double sinceYear, string promoInterval)
        {
            if (!promo2 || double.IsNaN(sinceWeek) || double.IsNaN(sinceYear) || string.IsNullOrEmpty(promoInterval))
            {
                _start = DateOnly.MaxValue;
                return;
            }
            _start = DateOnly.FromDateTime(ISOWeek.ToDateTime((int)sinceYear, (int)sinceWeek, DayOfWeek.Monday));
            foreach (var part in promoInterval.Split(','))
            {
                var m = Array.FindIndex(MonthAbbreviations, a => a.Equals(part.Trim(), StringComparison.Ordinal));
                if (m < 0) throw new FormatException($"PromoInterval '{promoInterval}': unknown month '{part}'");
                _months |= 1 << m;
            }
        }

        public bool IsActive(DateOnly date) => date >= _start && _start != DateOnly.MaxValue && (_months & (1 << (date.Month - 1))) != 0;
    }

    // Rossmann's PromoInterval spells September "Sept".
    private static readonly string[] MonthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];
}
