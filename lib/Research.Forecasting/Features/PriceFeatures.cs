using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Price of the forecast period (planned prices are known in advance): the own price; the mean and minimum of the other
/// brands' prices in the same store and period; own price relative to both (ratio) and the price gap (own − mean of
/// the others, the orange-juice "price gap"); the own price against its trailing average over the
/// <see cref="TrailingWindow"/> periods before (ratio − 1); and the change from the previous period.
/// The other brands are the <see cref="Competitors"/> columns except the series' own, which is
/// <c>{CompetitorPrefix}{key value of OwnKey}</c> (orange juice: <c>price{brand}</c>).
/// </summary>
public sealed record PriceFeatures : IFeatureFamily
{
    /// <summary>Dynamic column with the series' own price.</summary>
    public string Price { get; init; } = "price";

    /// <summary>Dynamic columns with every brand's price in the same store (may include the own brand's).</summary>
    public IReadOnlyList<string> Competitors { get; init; } = [];

    /// <summary>Key column whose value names the own brand's competitor column (with <see cref="CompetitorPrefix"/>).</summary>
    public string? OwnKey { get; init; }

    public string CompetitorPrefix { get; init; } = "price";

    public int TrailingWindow { get; init; } = 8;

    public string Name => "price";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        if (TrailingWindow < 1) throw new ArgumentException($"TrailingWindow must be at least 1, got {TrailingWindow}", nameof(TrailingWindow));
        var own = train.DynamicIndex(Price);
        var competitors = Competitors.Select(train.DynamicIndex).ToArray();
        var keyIndex = OwnKey is null ? -1 : train.KeyNames.ToList().IndexOf(OwnKey);
        if (OwnKey is not null && keyIndex < 0) throw new ArgumentException($"no key column '{OwnKey}'; the keys are {string.Join(", ", train.KeyNames)}", nameof(OwnKey));
        var columns = new List<FeatureColumn> { new("price.own", Name) };
        if (competitors.Length > 0)
        {
            columns.Add(new("price.others_mean", Name));
            columns.Add(new("price.others_min", Name));
            columns.Add(new("price.ratio_mean", Name));
            columns.Add(new("price.ratio_min", Name));
            columns.Add(new("price.gap", Name));
        }
        columns.Add(new(string.Create(CultureInfo.InvariantCulture, $"price.vs_trailing{TrailingWindow}"), Name));
        columns.Add(new("price.change", Name));
        var names = Competitors.ToArray();
        return new Fitted(this, [.. columns], own, competitors, names, keyIndex);
    }

    private sealed class Fitted(PriceFeatures o, FeatureColumn[] columns, int own, int[] competitors, string[] names, int keyIndex) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var t = row.TargetIndex;
            var price = row.Covariate(own);
            var p = price[t];
            var c = 0;
            values[c++] = p;
            if (competitors.Length > 0)
            {
                var ownName = keyIndex >= 0 ? o.CompetitorPrefix + row.Series.Key[keyIndex] : null;
                double sum = 0, min = double.PositiveInfinity;
                var n = 0;
                for (var j = 0; j < competitors.Length; j++)
                {
                    if (ownName is not null && string.Equals(names[j], ownName, StringComparison.Ordinal)) continue;
                    var v = row.Covariate(competitors[j])[t];
                    if (double.IsNaN(v)) continue;
                    sum += v;
                    n++;
                    if (v < min) min = v;
                }
                var mean = n > 0 ? sum / n : double.NaN;
                if (n == 0) min = double.NaN;
                values[c++] = mean;
                values[c++] = min;
                values[c++] = p / mean;
                values[c++] = p / min;
                values[c++] = p - mean;
            }
            double trailing = 0;
            var m = 0;
            for (var i = Math.Max(0, t - o.TrailingWindow); i < t; i++)
                if (!double.IsNaN(price[i])) { trailing += price[i]; m++; }
            values[c++] = m > 0 ? p / (trailing / m) - 1 : double.NaN;
            values[c] = t > 0 ? p - price[t - 1] : double.NaN;
        }
    }
}
