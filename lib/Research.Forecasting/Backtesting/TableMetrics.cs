using Research.Forecasting.Evaluation;

namespace Research.Forecasting.Backtesting;

/// <summary>The metrics of one model over a group of rows of a forecast table (all rows, one series, one round).</summary>
public sealed record Score(string Model, string Group, MetricValues Metrics);

/// <summary>
/// Metrics computed from a <see cref="ForecastTable"/>: overall, per series and per round. Rows without an actual
/// (unobserved periods) or without a forecast drop out, as every metric skips NaN pairs.
/// </summary>
public static class TableMetrics
{
    /// <summary>Every model over all rows (group "all").</summary>
    public static IReadOnlyList<Score> Overall(this ForecastTable table) =>
        table.Models.Select(m => new Score(m, "all", MetricSet.Compute(table.Actual, table.Forecast(m)))).ToArray();

    /// <summary>Every model per series (groups in the table's series order).</summary>
    public static IReadOnlyList<Score> BySeries(this ForecastTable table) => By(table, i => table.Series(i));

    /// <summary>Every model per round.</summary>
    public static IReadOnlyList<Score> ByRound(this ForecastTable table) =>
        By(table, i => table.Round[i].ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Diebold-Mariano test of model <paramref name="a"/> against <paramref name="b"/> on the rows both forecast and that have an actual.</summary>
    public static DieboldMarianoResult Compare(this ForecastTable table, string a, string b, Alternative alternative = Alternative.TwoSided, int horizon = 1, int power = 2)
    {
        var fa = table.Forecast(a);
        var fb = table.Forecast(b);
        var y = table.Actual;
        var ea = new List<double>();
        var eb = new List<double>();
        for (var i = 0; i < table.Count; i++)
        {
            if (double.IsNaN(y[i]) || double.IsNaN(fa[i]) || double.IsNaN(fb[i])) continue;
            ea.Add(y[i] - fa[i]);
            eb.Add(y[i] - fb[i]);
        }
        return DieboldMariano.Test(ea.ToArray(), eb.ToArray(), alternative, horizon, power);
    }

    private static Score[] By(ForecastTable table, Func<int, string> key)
    {
        var groups = new List<(string Key, List<int> Rows)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Count; i++)
        {
            var k = key(i);
            if (!index.TryGetValue(k, out var g))
            {
                index[k] = g = groups.Count;
                groups.Add((k, []));
            }
            groups[g].Rows.Add(i);
        }
        var scores = new List<Score>();
        foreach (var (k, rows) in groups)
        {
            var actual = new double[rows.Count];
            var forecast = new double[rows.Count];
            for (var j = 0; j < rows.Count; j++) actual[j] = table.Actual[rows[j]];
            foreach (var m in table.Models)
            {
                var f = table.Forecast(m);
                for (var j = 0; j < rows.Count; j++) forecast[j] = f[rows[j]];
                scores.Add(new Score(m, k, MetricSet.Compute(actual, forecast)));
            }
        }
        return [.. scores];
    }
}
