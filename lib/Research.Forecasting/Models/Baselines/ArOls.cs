using MathNet.Numerics.LinearAlgebra;

namespace Research.Forecasting.Models.Baselines;

/// <summary>
/// Autoregression of order p fitted by ordinary least squares:
/// <c>y_t = c + φ₁ y_{t−1} + … + φ_p y_{t−p} + ε_t</c>, over every t whose p lags are observed (QR least squares).
/// Forecasts are recursive; intervals ± z·σ·√(Σ_{j&lt;h} ψ_j²) from the MA(∞) weights ψ of the fitted AR polynomial and
/// σ² = RSS / (rows − p − 1), ignoring parameter uncertainty. With 10 points and p = 1 this is the textbook
/// "fit AR and forecast the 11th" example. Reference: Hamilton, Time Series Analysis (1994), §8.2 and §4.2.
/// </summary>
/// <param name="Order">The order p.</param>
public sealed record ArOls(int Order) : ISeriesForecaster
{
    /// <summary>Include the intercept c.</summary>
    public bool Intercept { get; init; } = true;

    public string Name => $"ar{Order}";

    public ISeriesModel Fit(SeriesData train)
    {
        if (Order < 1) throw new ArgumentOutOfRangeException(nameof(Order), Order, "the order is at least 1");
        var y = train.Y;
        var rows = new List<double[]>();
        var target = new List<double>();
        for (var t = Order; t < y.Length; t++)
        {
            if (double.IsNaN(y[t])) continue;
            var row = new double[Order + (Intercept ? 1 : 0)];
            var ok = true;
            if (Intercept) row[0] = 1;
            for (var i = 1; i <= Order && ok; i++)
            {
                var lag = y[t - i];
                ok = !double.IsNaN(lag);
                row[i - (Intercept ? 0 : 1)] = lag;
            }
            if (!ok) continue;
            rows.Add(row);
            target.Add(y[t]);
        }
        var k = Order + (Intercept ? 1 : 0);
        if (rows.Count <= k)
            throw new ArgumentException($"series {train.Id}: AR({Order}) needs more than {k} complete rows of lags, found {rows.Count}", nameof(train));
        var x = Matrix<double>.Build.DenseOfRowArrays(rows);
        var b = Vector<double>.Build.DenseOfEnumerable(target);
        var beta = x.QR().Solve(b);
        var residuals = b - x * beta;
        var dof = rows.Count - k;
        var sigma = dof > 0 ? Math.Sqrt(residuals.DotProduct(residuals) / dof) : double.NaN;
        var c = Intercept ? beta[0] : 0;
        var phi = Enumerable.Range(0, Order).Select(i => beta[i + (Intercept ? 1 : 0)]).ToArray();
        return new Model(train, c, phi, sigma);
    }

    /// <summary>A fitted AR(p): intercept, coefficients φ₁..φ_p and residual standard deviation.</summary>
    public sealed record Model(SeriesData Train, double Constant, double[] Phi, double Sigma) : ISeriesModel
    {
        public SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null)
        {
            BaselineKernels.RequireSteps(steps);
            var p = Phi.Length;
            var y = history.Y;
            if (y.Length < p) throw new ArgumentException($"series {history.Id}: {y.Length} values, AR({p}) needs {p} to start from");
            var path = new double[p + steps];
            for (var i = 0; i < p; i++)
            {
                path[i] = y[y.Length - p + i];
                if (double.IsNaN(path[i])) throw new ArgumentException($"series {history.Id}: the last {p} values must be observed to forecast an AR({p})");
            }
            for (var h = 0; h < steps; h++)
            {
                var v = Constant;
                for (var i = 1; i <= p; i++) v += Phi[i - 1] * path[p + h - i];
                path[p + h] = v;
            }
            var mean = path[p..];
            // psi weights of 1 / (1 - φ₁B - … - φ_pB^p)
            var psi = new double[steps];
            psi[0] = 1;
            for (var j = 1; j < steps; j++)
                for (var i = 1; i <= Math.Min(j, p); i++) psi[j] += Phi[i - 1] * psi[j - i];
            var se = new double[steps];
            var acc = 0.0;
            for (var h = 0; h < steps; h++)
            {
                acc += psi[h] * psi[h];
                se[h] = Sigma * Math.Sqrt(acc);
            }
            return new SeriesForecast(mean, BaselineKernels.Intervals(mean, se, levels, BaselineKernels.Z));
        }
    }
}
