using Research.Forecasting.Models;

namespace Research.Forecasting.ML.Linear;

/// <summary>
/// Per-series log-log regression, the seed documents' price-and-promotion baseline: least squares of the (log, through
/// the forecaster's transform) target on an intercept and the regressors, where a regressor whose training values are
/// all positive and not all 0/1 (a price) enters as its log, so its coefficient is an elasticity, and 0/1 flags (deal,
/// feat) enter as they are. A small ridge penalty <see cref="Ridge"/> (relative to each column's mean square, never
/// on the intercept) keeps series with constant regressors solvable. Forecasts are <c>x'β</c> with the future regressors.
/// </summary>
public sealed record LogLogRegression : ISeriesForecaster
{
    public double Ridge { get; init; } = 1e-6;

    public string Name => "loglog";

    public ISeriesModel Fit(SeriesData train)
    {
        var p = train.Regressors;
        var logged = new bool[p];
        for (var j = 0; j < p; j++)
        {
            var c = train.XColumn(j);
            logged[j] = c.All(v => v > 0) && !c.All(v => v is 0 or 1);
        }
        var rows = new List<int>();
        for (var t = 0; t < train.Length; t++)
            if (double.IsFinite(train.Y[t]) && Enumerable.Range(0, p).All(j => double.IsFinite(train.XAt(t, j)))) rows.Add(t);
        if (rows.Count < p + 2) throw new ArgumentException($"series {train.Id}: {rows.Count} usable rows for {p + 1} coefficients");
        var k = p + 1;
        var xtx = new double[k, k];
        var xty = new double[k];
        var x = new double[k];
        foreach (var t in rows)
        {
            Row(train, t, logged, x);
            for (var a = 0; a < k; a++)
            {
                xty[a] += x[a] * train.Y[t];
                for (var b = 0; b < k; b++) xtx[a, b] += x[a] * x[b];
            }
        }
        for (var a = 1; a < k; a++) xtx[a, a] += Ridge * Math.Max(xtx[a, a], 1e-12) + 1e-12;
        var beta = Solve(xtx, xty) ?? throw new ArithmeticException($"series {train.Id}: singular normal equations");
        return new Model(train, beta, logged);
    }

    private static void Row(SeriesData d, int t, bool[] logged, double[] x) => Row(j => d.XAt(t, j), logged, x);

    private static void Row(Func<int, double> value, bool[] logged, double[] x)
    {
        x[0] = 1;
        for (var j = 0; j < logged.Length; j++) x[j + 1] = logged[j] ? Math.Log(value(j)) : value(j);
    }

    /// <summary>Gaussian elimination with partial pivoting; null when singular.</summary>
    private static double[]? Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var r = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var i = c + 1; i < n; i++) if (Math.Abs(m[i, c]) > Math.Abs(m[pivot, c])) pivot = i;
            if (Math.Abs(m[pivot, c]) < 1e-300) return null;
            if (pivot != c)
            {
                for (var j = 0; j < n; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
                (r[c], r[pivot]) = (r[pivot], r[c]);
            }
            for (var i = c + 1; i < n; i++)
            {
                var f = m[i, c] / m[c, c];
                for (var j = c; j < n; j++) m[i, j] -= f * m[c, j];
                r[i] -= f * r[c];
            }
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var s = r[i];
            for (var j = i + 1; j < n; j++) s -= m[i, j] * x[j];
            x[i] = s / m[i, i];
        }
        return x;
    }

    private sealed class Model(SeriesData train, double[] beta, bool[] logged) : ISeriesModel
    {
        public SeriesData Train => train;

        /// <summary>Intercept, then one coefficient per regressor.</summary>
        public IReadOnlyList<double> Coefficients => beta;

        public SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null)
        {
            var p = logged.Length;
            if (futureX.Length < steps * p) throw new ArgumentException($"series {history.Id}: {futureX.Length} future regressor values for {steps} steps x {p}");
            var x = new double[p + 1];
            var mean = new double[steps];
            var fx = futureX.ToArray();
            for (var h = 0; h < steps; h++)
            {
                Row(j => fx[h * p + j], logged, x);
                double s = 0;
                for (var a = 0; a <= p; a++) s += x[a] * beta[a];
                mean[h] = s;
            }
            return new SeriesForecast(mean);
        }
    }
}
