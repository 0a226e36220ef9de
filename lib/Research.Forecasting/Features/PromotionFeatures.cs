using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Promotions known in advance (orange juice <c>deal</c> and <c>feat</c>, Rossmann <c>Promo</c> and <c>Promo2Active</c>):
/// for each 0/1 (or intensity) column, its value in the forecast period and the period before, the periods since it
/// was last active before the forecast period (capped at <see cref="Cap"/>), the periods until it is next active after
/// the forecast period among the periods known at the origin (<see cref="Cap"/> when none is), and how many of the
/// <see cref="Window"/> periods before were active.
/// </summary>
public sealed record PromotionFeatures : IFeatureFamily
{
    public IReadOnlyList<string> Columns { get; init; } = [];

    public int Window { get; init; } = 8;

    /// <summary>Cap of the since/until counts (and their value when no promotion is found).</summary>
    public int Cap { get; init; } = 52;

    public string Name => "promotion";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        if (Window < 1 || Cap < 1) throw new ArgumentException("Window and Cap must be at least 1");
        var indices = Columns.Select(train.DynamicIndex).ToArray();
        var columns = Columns.SelectMany(c => new FeatureColumn[]
        {
            new($"promotion.{c}", Name), new($"promotion.{c}.previous", Name), new($"promotion.{c}.since", Name),
            new($"promotion.{c}.until", Name), new($"promotion.{c}.active{Window}", Name),
        }).ToArray();
        return new Fitted(this, columns, indices);
    }

    private sealed class Fitted(PromotionFeatures o, FeatureColumn[] columns, int[] indices) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var t = row.TargetIndex;
            var c = 0;
            foreach (var index in indices)
            {
                var x = row.Covariate(index);
                values[c++] = x[t];
                values[c++] = t > 0 ? x[t - 1] : double.NaN;
                var since = o.Cap;
                for (var i = t - 1; i >= 0 && t - i < o.Cap; i--)
                    if (x[i] > 0) { since = t - i; break; }
                values[c++] = since;
                var until = o.Cap;
                for (var i = t + 1; i < x.Length && i - t < o.Cap; i++)
                    if (x[i] > 0) { until = i - t; break; }
                values[c++] = until;
                var active = 0;
                for (var i = Math.Max(0, t - o.Window); i < t; i++) if (x[i] > 0) active++;
                values[c++] = active;
            }
        }
    }
}
