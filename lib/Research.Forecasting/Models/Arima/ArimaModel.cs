using MathNet.Numerics.Distributions;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// A fitted ARIMA model (forecast's <c>Arima</c> object): coefficients with R's names (<c>ar1.., ma1..,
/// sar1.., sma1.., intercept, drift</c>, regressors), innovation variance, information criteria, residuals.
/// Forecasts run the Kalman filter with the fitted parameters over the history and predict from its end
/// (R's <c>predict.Arima</c>); intervals are <c>mean ± z se</c>.
/// </summary>
public sealed class ArimaModel : ISeriesModel
{
    private readonly double[] _coef;
    private readonly double[] _phi, _theta, _delta;
    private readonly int _narma;
    private readonly int _origin;
    private readonly int _regressors;

    private ArimaModel(SeriesData train, ArimaFit fit, ArmaOrders o, bool drift, double sigma2, double aicc, double bic, ArimaMethod method, int origin = 0)
    {
        Train = train;
        Order = new ArimaOrder(o.P, o.D, o.Q);
        Seasonal = new ArimaOrder(o.SP, o.SD, o.SQ);
        Period = o.Period;
        Method = method;
        CoefficientNames = fit.Names;
        _coef = fit.Coef;
        Sigma2 = sigma2;
        LogLikelihood = fit.LogLik;
        Aic = fit.Aic;
        Aicc = aicc;
        Bic = bic;
        Residuals = Pad(fit.Residuals, train.Length, origin);
        Nobs = fit.NUsed;
        HasIntercept = fit.HasIntercept;
        HasDrift = drift;
        _phi = fit.Phi;
        _theta = fit.Theta;
        _delta = ArimaEstimator.DeltaPolynomial(o);
        _narma = o.Narma;
        _origin = origin;
        _regressors = fit.Coef.Length - o.Narma - (fit.HasIntercept ? 1 : 0) - (drift ? 1 : 0);
        Orders = o;
        Fit = fit;
    }

    private ArimaModel(ArimaModel source, SeriesData train, int origin)
        : this(train, source.Fit, source.Orders, source.HasDrift, source.Sigma2, source.Aicc, source.Bic, source.Method, origin)
    {
        Search = source.Search;
    }

    private ArimaFit Fit { get; }

    /// <summary>Residuals placed at their rows of a series whose first <paramref name="origin"/> values were dropped.</summary>
    private static double[] Pad(double[] residuals, int length, int origin)
    {
        if (origin == 0 && residuals.Length == length) return residuals;
        var r = new double[length];
        Array.Fill(r, double.NaN);
        Array.Copy(residuals, 0, r, origin, Math.Min(residuals.Length, length - origin));
        return r;
    }

    /// <summary>The same model seen as fitted on <paramref name="train"/>, of which it used the rows from <paramref name="origin"/>.</summary>
    internal ArimaModel WithTrain(SeriesData train, int origin) => new(this, train, origin);

    /// <summary>The same model with the trace of the search that chose it.</summary>
    internal ArimaModel WithSearch(IReadOnlyList<AutoArimaTrial> trials) => new(this, Train, _origin) { Search = trials };

    /// <summary>The models the <see cref="AutoArima"/> search fitted, in order, when it ran with <see cref="AutoArimaOptions.Trace"/>; otherwise empty.</summary>
    public IReadOnlyList<AutoArimaTrial> Search { get; private init; } = [];

    public SeriesData Train { get; }

    /// <summary>Non-seasonal orders (p, d, q).</summary>
    public ArimaOrder Order { get; }

    /// <summary>Seasonal orders (P, D, Q) (zero when <see cref="Period"/> is 1).</summary>
    public ArimaOrder Seasonal { get; }

    public int Period { get; }

    /// <summary>The method the estimates come from (CSS-ML becomes ML with missing values, as in R).</summary>
    public ArimaMethod Method { get; }

    /// <summary>R's coefficient names, in R's order.</summary>
    public IReadOnlyList<string> CoefficientNames { get; }

    public IReadOnlyList<double> Coefficients => _coef;

    /// <summary>
    /// Innovation variance as forecast reports it, <c>sum(residuals^2) / (n* - k)</c> with <c>n* = n - d - mD</c> and
    /// <c>k</c> the number of estimated coefficients; it scales the prediction intervals.
    /// </summary>
    public double Sigma2 { get; }

    /// <summary>Gaussian log-likelihood (for CSS, R's value from the conditional sum of squares).</summary>
    public double LogLikelihood { get; }

    /// <summary><c>-2 logL + 2 (k + 1)</c>; NaN for CSS.</summary>
    public double Aic { get; }

    /// <summary><c>AIC + 2 (k+1)(k+2) / (n* - k - 2)</c>.</summary>
    public double Aicc { get; }

    /// <summary><c>AIC + (k+1)(log n* - 2)</c>.</summary>
    public double Bic { get; }

    /// <summary>Standardised one-step innovations of the training series (NaN where missing; CSS: conditional residuals).</summary>
    public IReadOnlyList<double> Residuals { get; }

    /// <summary>Observations in the likelihood (R's <c>nobs</c>).</summary>
    public int Nobs { get; }

    /// <summary>Has an <c>intercept</c> (mean) coefficient.</summary>
    public bool HasIntercept { get; }

    /// <summary>Has a <c>drift</c> (linear trend) coefficient.</summary>
    public bool HasDrift { get; }

    internal ArmaOrders Orders { get; }

    /// <summary>The coefficient named <paramref name="name"/>.</summary>
    public double Coefficient(string name)
    {
        for (var i = 0; i < CoefficientNames.Count; i++)
            if (string.Equals(CoefficientNames[i], name, StringComparison.Ordinal)) return _coef[i];
        throw new KeyNotFoundException($"no coefficient {name}; the model has {string.Join(", ", CoefficientNames)}");
    }

    public override string ToString()
    {
        var s = $"ARIMA{Order}";
        if (Seasonal != ArimaOrder.None) s += $"{Seasonal}[{Period}]";
        if (HasIntercept) s += " with non-zero mean";
        if (HasDrift) s += " with drift";
        return s;
    }

    /// <summary>forecast's <c>Arima()</c>: drift term, <c>stats::arima</c>, then AICc, BIC and sigma^2 as forecast computes them.</summary>
    internal static ArimaModel Estimate(SeriesData train, ArimaOptions options, ArimaEstimator estimator)
    {
        var o = options.Orders;
        var n = train.Length;
        if (n <= o.D + o.SD * (o.Period > 1 ? o.Period : 0)) throw new ArimaException("Not enough data to fit the model");
        var drift = options.IncludeDrift && o.D + o.SD <= 1;
        var request = BuildRequest(train, o, options.IncludeMean, drift, options.RegressorNames) with
        {
            Method = options.Method,
            TransformPars = options.TransformPars,
            Fixed = options.Fixed?.ToArray(),
        };
        var fit = estimator.Estimate(request);
        return FromArima(train, fit, o, drift);
    }

    /// <summary>The request of an <c>arima</c> call on <paramref name="train"/>, with <c>drift = 1..n</c> before the regressors.</summary>
    internal static ArimaRequest BuildRequest(SeriesData train, ArmaOrders o, bool includeMean, bool drift, IReadOnlyList<string>? names)
    {
        var n = train.Length;
        var k = train.Regressors;
        var cols = k + (drift ? 1 : 0);
        var x = new double[n * cols];
        var colNames = new List<string>(cols);
        var c = 0;
        if (drift)
        {
            for (var t = 0; t < n; t++) x[t] = t + 1;
            colNames.Add("drift");
            c = 1;
        }
        var xs = train.X;
        for (var j = 0; j < k; j++)
        {
            var col = x.AsSpan((c + j) * n, n);
            for (var t = 0; t < n; t++) col[t] = xs[t * k + j];
            colNames.Add(names is not null && j < names.Count ? names[j] : FormattableString.Invariant($"x{j + 1}"));
        }
        return new ArimaRequest
        {
            Y = train.Y.ToArray(),
            Xreg = x,
            XregColumns = cols,
            XregNames = MakeUnique(colNames),
            Orders = o,
            IncludeMean = includeMean,
        };
    }

    private static List<string> MakeUnique(List<string> names)
    {
        // R's make.unique: later duplicates get .1, .2, ...
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(names.Count);
        foreach (var name in names)
        {
            var candidate = name;
            for (var i = 1; !seen.Add(candidate); i++) candidate = FormattableString.Invariant($"{name}.{i}");
            result.Add(candidate);
        }
        return result;
    }

    /// <summary>Wraps a <c>stats::arima</c> fit as forecast's <c>Arima()</c> does (AICc, BIC, sigma^2).</summary>
    internal static ArimaModel FromArima(SeriesData train, ArimaFit fit, ArmaOrders o, bool drift)
    {
        var npar = fit.FreeCount + 1;
        var resid = fit.Residuals;
        int first = -1, last = -1;
        for (var t = 0; t < resid.Length; t++)
            if (!double.IsNaN(resid[t]))
            {
                if (first < 0) first = t;
                last = t;
            }
        var nres = 0;
        var ss = 0.0;
        for (var t = Math.Max(first, 0); t <= last; t++)
            if (!double.IsNaN(resid[t]))
            {
                nres++;
                ss += resid[t] * resid[t];
            }
        var nstar = nres - o.D - o.SD * o.Period;
        var aicc = fit.Aic + 2.0 * npar * ((double)nstar / (nstar - npar - 1) - 1);
        var bic = fit.Aic + npar * (Math.Log(nstar) - 2);
        var sigma2 = ss / (nstar - npar + 1);
        return new ArimaModel(train, fit, o, drift, sigma2, aicc, bic, fit.Method);
    }

    /// <summary>Wraps a fit with criteria already computed (forecast's <c>myarima</c> inside <c>auto.arima</c>).</summary>
    internal static ArimaModel FromSearch(SeriesData train, ArimaFit fit, ArmaOrders o, bool drift, double sigma2, double aicc, double bic, int origin) =>
        new(train, fit, o, drift, sigma2, aicc, bic, fit.Method, origin);

    /// <summary>Forecasts <paramref name="steps"/> values after the training data (<paramref name="futureX"/>: their regressors, row-major).</summary>
    public SeriesForecast Forecast(int steps, double[]? futureX = null, IReadOnlyList<double>? levels = null) =>
        Forecast(Train, futureX ?? [], steps, levels);

    public SeriesForecast Forecast(SeriesData history, ReadOnlySpan<double> futureX, int steps, IReadOnlyList<double>? levels = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var k = Train.Regressors;
        if (history.Regressors != k)
            throw new ArgumentException($"the model was fitted with {k} regressors; the history has {history.Regressors}", nameof(history));
        if (futureX.Length != steps * k)
            throw new ArgumentException($"{futureX.Length} future regressor values for {steps} steps x {k} regressors", nameof(futureX));
        var n = history.Length;
        var beta = _coef.AsSpan(_narma);
        // y - X beta over the history
        var x = new double[n];
        var y = history.Y;
        var hx = history.X;
        for (var t = 0; t < n; t++) x[t] = y[t] - Regression(beta, t + 1 - _origin, hx.Slice(t * k, k));
        var kalman = new ArimaKalman();
        kalman.Setup(_phi, _theta, _delta);
        kalman.Filter(x, []);
        var mean = new double[steps];
        var variance = new double[steps];
        kalman.Forecast(mean, variance);
        for (var h = 0; h < steps; h++) mean[h] += Regression(beta, n + h + 1 - _origin, futureX.Slice(h * k, k));
        var intervals = new List<PredictionInterval>();
        if (levels is not null)
        {
            foreach (var level in levels.Order())
            {
                if (level is <= 0 or >= 100) throw new ArgumentOutOfRangeException(nameof(levels), level, "levels are percentages in (0, 100)");
                var z = Normal.InvCDF(0, 1, 0.5 * (1 + level / 100));
                var lower = new double[steps];
                var upper = new double[steps];
                for (var h = 0; h < steps; h++)
                {
                    var se = Math.Sqrt(variance[h] * Sigma2);
                    lower[h] = mean[h] - z * se;
                    upper[h] = mean[h] + z * se;
                }
                intervals.Add(new PredictionInterval(level, lower, upper));
            }
        }
        return new SeriesForecast(mean, intervals);
    }

    /// <summary><c>intercept + drift t + x' beta</c> at time <paramref name="t"/> (1-based).</summary>
    private double Regression(ReadOnlySpan<double> beta, int t, ReadOnlySpan<double> xrow)
    {
        var s = 0.0;
        var j = 0;
        if (HasIntercept) s += beta[j++];
        if (HasDrift) s += beta[j++] * t;
        // a model fitted without the series' regressors (forecast's constant-series case) ignores them
        for (var c = 0; c < _regressors; c++) s += xrow[c] * beta[j + c];
        return s;
    }
}
