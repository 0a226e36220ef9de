using Research.Forecasting.Evaluation;

namespace Research.Forecasting.Backtesting;

/// <summary>
/// Combinations of models already in a long <see cref="ForecastTable"/>, added as one more model column and evaluated like
/// any model. For each row the combination uses only that row's member forecasts (a member with no forecast there is
/// left out); the validation-weighted combination also uses the members' errors on periods at or before the row's
/// cutoff, so it never reads an actual the round could not have known. Reference: Timmermann (2006), "Forecast
/// combinations", Handbook of Economic Forecasting 1, ch. 4 (simple means are hard to beat; inverse-error weights).
/// </summary>
public static class Ensembles
{
    /// <summary>
    /// The table with the column <paramref name="name"/>: the <paramref name="method"/> combination of
    /// <paramref name="models"/>. Validation weights are <c>w_m ∝ 1 / e_m</c>, <c>e_m</c> the member's
    /// <paramref name="weightMetric"/> (MAPE by default) over the rows whose period is at or before the cutoff, pooled over
    /// series; rounds with no such rows use equal weights.
    /// </summary>
    public static ForecastTable WithEnsemble(this ForecastTable table, string name, IReadOnlyList<string> models, EnsembleMethod method, Metric? weightMetric = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count < 2) throw new ArgumentException($"an ensemble needs at least two models, got {models.Count}", nameof(models));
        var columns = models.Select(m => table.Forecast(m).ToArray()).ToArray();
        var weights = method == EnsembleMethod.ValidationWeighted ? Weights(table, columns, weightMetric ?? Metric.Mape) : null;
        var combined = new double[table.Count];
        var values = new double[columns.Length];
        for (var i = 0; i < table.Count; i++)
        {
            var n = 0;
            double weightSum = 0, weighted = 0;
            var w = weights?[table.Cutoff[i]];
            for (var m = 0; m < columns.Length; m++)
            {
                var f = columns[m][i];
                if (double.IsNaN(f)) continue;
                values[n++] = f;
                var wm = w?[m] ?? 1;
                weighted += wm * f;
                weightSum += wm;
            }
            combined[i] = n == 0 ? double.NaN : method switch
            {
                EnsembleMethod.Median => Median(values.AsSpan(0, n)),
                _ => weighted / weightSum,
            };
        }
        return table.WithModel(name, combined);
    }

    /// <summary>Per cutoff, each member's weight from its errors on periods at or before that cutoff.</summary>
    private static Dictionary<long, double[]> Weights(ForecastTable table, double[][] columns, Metric metric)
    {
        var weights = new Dictionary<long, double[]>();
        var actual = table.Actual.ToArray();
        foreach (var cutoff in table.Cutoff.ToArray().Distinct())
        {
            var known = Enumerable.Range(0, table.Count).Where(i => table.Time[i] <= cutoff).ToArray();
            var w = new double[columns.Length];
            for (var m = 0; m < columns.Length; m++)
            {
                var error = known.Length == 0 ? double.NaN : metric.Evaluate([.. known.Select(i => actual[i])], [.. known.Select(i => columns[m][i])]);
                w[m] = double.IsFinite(error) && error > 0 ? 1 / error : double.NaN;
            }
            weights[cutoff] = w.All(double.IsFinite) ? w : [.. w.Select(_ => 1.0)];
        }
        return weights;
    }

    private static double Median(Span<double> v)
    {
        v.Sort();
        var n = v.Length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
