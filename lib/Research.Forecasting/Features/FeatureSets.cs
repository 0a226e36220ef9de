using Research.Forecasting.Models;

namespace Research.Forecasting.Features;

/// <summary>Ready-made feature options for the repository's data sets and for any panel.</summary>
public static class FeatureSets
{
    /// <summary>Date on which Dominick's week 1 starts (microsoft/forecasting's <c>FIRST_WEEK_START</c>).</summary>
    public static DateOnly OrangeJuiceWeekOne { get; } = new(1989, 9, 14);

    /// <summary>
    /// Orange juice: 12 lags from the origin and the lag one year before the forecast week; rolling mean, std, min and
    /// max over 4, 13 and 52 weeks; exponentially weighted means; expanding statistics; calendar and yearly Fourier terms;
    /// own price, price against the other brands and its own trailing average; deal and feat; the other brands of the
    /// store (their sales at the origin, their deals and features in the forecast week); store demographics and the
    /// store and brand ids; product age. Log units, weeks filled in by cleaning (<c>observed = 0</c>) hidden.
    /// </summary>
    public static FeatureOptions OrangeJuice(int lags = 12, IReadOnlyList<int>? windows = null) => new()
    {
        Transform = TargetTransform.Log,
        ObservedColumn = "observed",
        Families =
        [
            new LagFeatures { Count = lags, SeasonLength = 52, SeasonalLags = 1 },
            new RollingFeatures { Windows = windows ?? [4, 13, 52] },
            new ExponentialFeatures(),
            new ExpandingFeatures(),
            new CalendarFeatures { PeriodOne = OrangeJuiceWeekOne },
            new FourierFeatures { Period = 365.25 / 7, Terms = 2 },
            new PriceFeatures
            {
                Price = "price",
                Competitors = [.. Enumerable.Range(1, Datasets.OrangeJuice.Brands).Select(b => $"price{b}")],
                OwnKey = "brand",
                CompetitorPrefix = "price",
            },
            new PromotionFeatures { Columns = ["deal", "feat"] },
            new GroupFeatures { Key = "store", Covariates = ["deal", "feat"] },
            new StaticFeatures(),
            new AgeFeatures(),
        ],
    };

    /// <summary>
    /// Rossmann: lags, rolling and weekly Fourier terms of daily sales, calendar with state and school holidays, Promo and
    /// Promo2Active, store type, assortment and competition distance as statics, months since the competitor opened.
    /// Closed days are missing targets (see <c>ClosedDays</c>), so they are neither labels nor past values.
    /// </summary>
    public static FeatureOptions Rossmann() => new()
    {
        Transform = TargetTransform.Log1p,
        Families =
        [
            new LagFeatures { Count = 14, SeasonLength = 7, SeasonalLags = 2 },
            new RollingFeatures { Windows = [7, 28, 91] },
            new ExponentialFeatures(),
            new ExpandingFeatures(),
            new CalendarFeatures { Holidays = ["StateHoliday", "SchoolHoliday"] },
            new FourierFeatures { Period = 7, Terms = 3 },
            new FourierFeatures { Period = 365.25, Terms = 2 },
            new PromotionFeatures { Columns = ["Promo", "Promo2Active"], Window = 14, Cap = 60 },
            new StaticFeatures { Columns = ["StoreType", "Assortment", "CompetitionDistance", "Promo2"] },
            new AgeFeatures { SinceYear = "CompetitionOpenSinceYear", SinceMonth = "CompetitionOpenSinceMonth" },
        ],
    };

    /// <summary>
    /// Any panel: lags from the origin, rolling statistics over one and two seasons, exponentially weighted and expanding
    /// means, calendar (on calendar frequencies) and Fourier terms of the season, the dynamic covariates known in advance,
    /// the statics and key ids, product age.
    /// </summary>
    public static FeatureOptions Default(int seasonLength, IReadOnlyList<string> regressors, TargetTransform transform, string? observedColumn = null)
    {
        var m = Math.Max(1, seasonLength);
        var families = new List<IFeatureFamily>
        {
            new LagFeatures { Count = Math.Clamp(m, 4, 14), SeasonLength = m > 1 ? m : 0, SeasonalLags = m > 1 ? 1 : 0 },
            new RollingFeatures { Windows = m > 1 ? [m, 2 * m] : [4, 12] },
            new ExponentialFeatures(),
            new ExpandingFeatures(),
            new CalendarFeatures(), // writes nothing on integer periods
        };
        if (m > 1) families.Add(new FourierFeatures { Period = m, Terms = Math.Min(3, m / 2) });
        if (regressors.Count > 0) families.Add(new CovariateFeatures { Columns = regressors });
        families.Add(new StaticFeatures());
        families.Add(new AgeFeatures());
        return new FeatureOptions { Transform = transform, ObservedColumn = observedColumn, Families = families };
    }
}
