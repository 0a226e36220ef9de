using Research.Forecasting.Charts;

namespace Research.Forecasting.Decisions.Lifecycle;

/// <summary>Charts of life-cycle stages.</summary>
public static class LifecycleChart
{
    /// <summary>Colours of introduction, growth, maturity and decline.</summary>
    public static IReadOnlyList<string> StageColors { get; } = ["#9467bd", "#2ca02c", "#1f77b4", "#d62728"];

    /// <summary>
    /// A stage timeline: one row per series (<paramref name="series"/>, in that order; by default every series of the
    /// timeline), one column per period of the union of their periods, each cell coloured by its stage (introduction
    /// purple, growth green, maturity blue, decline red); empty before the first sale and where a series has no period.
    /// Calendar frequencies get a date axis.
    /// </summary>
    public static Figure Timeline(LifecycleTimeline timeline, IEnumerable<string>? series = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var ids = (series ?? timeline.Series).ToArray();
        var rows = ids.Select(id => timeline.Series.ToList().IndexOf(id) is var i and >= 0 ? i : throw new ArgumentException($"no series '{id}' in the timeline", nameof(series))).ToArray();
        var times = rows.SelectMany(i => timeline.Times[i]).Distinct().Order().ToArray();
        var z = rows.Select(i =>
        {
            var row = new double[times.Length];
            Array.Fill(row, double.NaN);
            var own = timeline.Times[i];
            for (var t = 0; t < own.Length; t++)
                if (timeline.Curves[i].Stages[t] is { } stage) row[Array.BinarySearch(times, own[t])] = (int)stage;
            return row;
        }).ToArray();
        var scale = new ColorScale(StageColors.SelectMany((c, k) => new[] { new ColorStop(k == 0 ? 0 : (2 * k - 1) / 6.0, c), new ColorStop(k == 3 ? 1 : (2 * k + 1) / 6.0, c) }));
        var title = "stage (0 introduction, 1 growth, 2 maturity, 3 decline)";
        var figure = timeline.Frequency.IsCalendar
            ? Chart.Heatmap(z.Select(r => (IEnumerable<double>)r), times.Select(timeline.Frequency.ToDate), ids, scale, 0, 3, title, name: "stage")
            : Chart.Heatmap(z.Select(r => (IEnumerable<double>)r), times, ids, scale, 0, 3, title, name: "stage");
        return figure.WithXTitle(timeline.Frequency.IsCalendar ? "period" : "week").WithYTitle("series");
    }
}
