using Research.Forecasting.Evaluation;

namespace Research.Forecasting.Backtesting;

/// <summary>The metrics of one model over a group of rows of a forecast table (all rows, one series, one round).</summary>
public sealed record Score(string Model, string Group, MetricValues Metrics)
{
    /// <summary>MASE from the table's per-row scale (<see cref="Evaluation.Metrics.ScaledMae"/>); NaN when no row has a usable scale.</summary>
    public double Mase { get; init; } = double.NaN;

    /// <summary>Interval metrics per level the table holds (empty when it holds none).</summary>
    public IReadOnlyList<IntervalMetrics> Intervals { get; init; } = [];
}

/// <summary>How one model's central prediction intervals at one level did over a group of rows.</summary>
/// <param name="Level">Nominal coverage in percent.</param>
/// <param name="Count">Rows with an actual and both bounds.</param>
/// <param name="Coverage">Fraction of those actuals inside the interval (<see cref="Evaluation.Metrics.Coverage"/>).</param>
/// <param name="IntervalScore">Mean interval score (<see cref="Evaluation.Metrics.IntervalScore"/>).</param>
/// <param name="PinballLower">Pinball loss of the lower bound as the (1 − level/100)/2 quantile.</param>
/// <param name="PinballUpper">Pinball loss of the upper bound as the (1 + level/100)/2 quantile.</param>
public sealed record IntervalMetrics(double Level, int Count, double Coverage, double IntervalScore, double PinballLower, double PinballUpper);

/// <summary>
/// Metrics computed from a <see cref="ForecastTable"/>: overall, per series and per round. Rows without an actual
/// (unobserved periods) or without a forecast drop out, as every metric skips NaN pairs.
/// </summary>
public static class TableMetrics
{
    /// <summary>Every model over all rows (group "all"), with MASE and the interval metrics.</summary>
    public static IReadOnlyList<Score> Overall(this ForecastTable table) =>
        table.Models.Select(m => Compute(table, m, "all", table.Actual, table.Forecast(m), table.Scale, l => table.Lower(m, l), l => table.Upper(m, l))).ToArray();

    /// <summary>Every model per series (groups in the table's series order).</summary>
    public static IReadOnlyList<Score> BySeries(this ForecastTable table) => ByKey(table, i => table.Series(i));

    /// <summary>Every model per round.</summary>
    public static IReadOnlyList<Score> ByRound(this ForecastTable table) =>
        ByKey(table, i => table.Round[i].ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Every model per forecast step: group <c>h</c> holds the rows <c>h</c> periods after their cutoff (with a gap
    /// <c>g</c>, the first step forecast is <c>g</c>), in increasing order.
    /// </summary>
    public static IReadOnlyList<Score> ByHorizon(this ForecastTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return ByKey(table, i => (table.Time[i] - table.Cutoff[i]).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(s => long.Parse(s.Group, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Every model per group of rows: <paramref name="key"/> maps a row index to its group (groups in first-seen order).</summary>
    public static IReadOnlyList<Score> By(this ForecastTable table, Func<int, string> key)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        return ByKey(table, key);
    }

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

    /// <summary>
    /// The models of <paramref name="models"/> in their order, without each one whose forecast column equals, row for
    /// row and bit for bit, that of a model kept before it (an AutoML search that chose a model's defaults, say). Two
    /// such columns have no Diebold-Mariano test (their loss differential is zero), so pairs are formed from these.
    /// </summary>
    /// <param name="table">The table holding every model named.</param>
    /// <param name="models">Model names, best first (the first of identical columns is kept).</param>
    public static IReadOnlyList<string> DistinctForecasts(this ForecastTable table, IEnumerable<string> models)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(models);
        var kept = new List<string>();
        foreach (var m in models)
            if (!IsCopy(table, m, kept)) kept.Add(m);
        return kept;

        // a name already kept is a copy of itself
        static bool IsCopy(ForecastTable table, string model, List<string> kept)
        {
            var column = table.Forecast(model);
            foreach (var k in kept)
                if (column.SequenceEqual(table.Forecast(k))) return true;
            return false;
        }
    }

    private static Score[] ByKey(ForecastTable table, Func<int, string> key)
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
            var actual = Pick(table.Actual, rows);
            var scale = Pick(table.Scale, rows);
            foreach (var m in table.Models)
                scores.Add(Compute(table, m, k, actual, Pick(table.Forecast(m), rows), scale,
                    l => Pick(table.Lower(m, l), rows), l => Pick(table.Upper(m, l), rows)));
        }
        return [.. scores];
    }

    private delegate ReadOnlySpan<double> Bound(double level);

    private static Score Compute(ForecastTable table, string model, string group, ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast,
        ReadOnlySpan<double> scale, Bound lower, Bound upper)
    {
        var intervals = new List<IntervalMetrics>(table.Levels.Count);
        foreach (var level in table.Levels)
        {
            var lo = lower(level);
            var hi = upper(level);
            var count = 0;
            for (var i = 0; i < actual.Length; i++)
                if (!double.IsNaN(actual[i]) && !double.IsNaN(lo[i]) && !double.IsNaN(hi[i])) count++;
            var tail = (1 - level / 100) / 2;
            intervals.Add(new IntervalMetrics(level, count, Metrics.Coverage(actual, lo, hi), Metrics.IntervalScore(actual, lo, hi, level),
                Metrics.Pinball(actual, lo, tail), Metrics.Pinball(actual, hi, 1 - tail)));
        }
        return new Score(model, group, MetricSet.Compute(actual, forecast))
        {
            Mase = Metrics.ScaledMae(actual, forecast, scale),
            Intervals = intervals,
        };
    }

    private static double[] Pick(ReadOnlySpan<double> values, List<int> rows)
    {
        var result = new double[rows.Count];
        for (var j = 0; j < rows.Count; j++) result[j] = values[rows[j]];
        return result;
    }
}
