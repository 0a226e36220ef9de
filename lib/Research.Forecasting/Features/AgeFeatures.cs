using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Product age: periods from the series' first observed target to the forecast period (how long the product or store
/// has been selling), and, when <see cref="SinceYear"/>/<see cref="SinceMonth"/> name static columns (Rossmann's
/// <c>CompetitionOpenSinceYear</c>/<c>Month</c>), the months from that date to the forecast period (negative before it,
/// NaN when unknown or on a non-calendar frequency).
/// </summary>
public sealed record AgeFeatures : IFeatureFamily
{
    public string? SinceYear { get; init; }

    public string? SinceMonth { get; init; }

    /// <summary>Column name suffix of the months-since feature.</summary>
    public string SinceName { get; init; } = "competition";

    public string Name => "age";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        if ((SinceYear is null) != (SinceMonth is null)) throw new ArgumentException("give both SinceYear and SinceMonth, or neither");
        int year = -1, month = -1;
        if (SinceYear is not null)
        {
            year = train.StaticIndex(SinceYear);
            month = train.StaticIndex(SinceMonth!);
        }
        FeatureColumn[] columns = year >= 0 ? [new("age.periods", Name), new($"age.months_since_{SinceName}", Name)] : [new("age.periods", Name)];
        return new Fitted(columns, year, month);
    }

    private sealed class Fitted(FeatureColumn[] columns, int year, int month) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var past = row.Past;
            var first = -1;
            for (var i = 0; i < past.Length && first < 0; i++) if (!double.IsNaN(past[i])) first = i;
            values[0] = first >= 0 ? row.TargetIndex - first : double.NaN;
            if (year < 0) return;
            var y = row.Series.Static(year);
            var m = row.Series.Static(month);
            if (double.IsNaN(y) || double.IsNaN(m) || !row.Frequency.IsCalendar)
            {
                values[1] = double.NaN;
                return;
            }
            var date = row.Frequency.ToDate(row.Time);
            values[1] = (date.Year - y) * 12 + (date.Month - m);
        }
    }
}
