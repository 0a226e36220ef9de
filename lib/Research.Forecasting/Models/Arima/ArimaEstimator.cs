using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using Research.Forecasting.Statistics;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// Estimates an ARIMA model with regression terms exactly as R's <c>stats::arima</c> (R 4.2): starting values
/// for the regression coefficients by least squares on the differenced data, the conditional-sum-of-squares fit
/// (<c>CSS</c>), then exact Gaussian maximum likelihood through the Kalman filter with AR parameters optimised
/// on R's stationarity-enforcing scale (<c>transform.pars</c>), BFGS with R's default tolerances, and R's
/// errors and final quantities. One instance holds reusable work buffers (not thread-safe).
/// </summary>
internal sealed partial class ArimaEstimator
{
    private readonly Bfgs _bfgs = new();
    private readonly ArimaKalman _kalman = new();
    private readonly CssObjective _css;
    private readonly MlObjective _ml;
    private double[] _phi = [], _theta = [], _xr = [], _w = [], _resid = [], _par = [];
    private readonly ArimaKalmanBatch _batch = new();
    private double[] _phiLanes = [], _thetaLanes = [], _xLanes = [];
    private Vector256<double>[] _residLanes = [];

    public ArimaEstimator()
    {
        _css = new CssObjective(this);
        _ml = new MlObjective(this);
    }

    /// <summary>Objective evaluations of the last <see cref="Estimate"/> (optimiser calls only).</summary>
    public int Evaluations { get; private set; }

    /// <summary>Evaluate gradient points four at a time in SIMD lanes (off: one at a time).</summary>
    internal bool Batched { get; set; } = Vector256.IsHardwareAccelerated;

    private void Ensure(int n, int phiLength, int thetaLength, int npar)
    {
        const int w = ArimaKalmanBatch.Width;
        if (_phiLanes.Length < w * phiLength) _phiLanes = new double[w * phiLength];
        if (_thetaLanes.Length < w * thetaLength) _thetaLanes = new double[w * thetaLength];
        if (_xLanes.Length < w * n) _xLanes = new double[w * n];
        if (_residLanes.Length < n) _residLanes = new Vector256<double>[n];
        if (_xr.Length < n)
        {
            _xr = new double[n]; _w = new double[n]; _resid = new double[n];
        }
        if (_phi.Length < phiLength) _phi = new double[phiLength];
        if (_theta.Length < thetaLength) _theta = new double[thetaLength];
        if (_par.Length < npar) _par = new double[npar];
    }

    /// <summary>Runs R's <c>arima()</c>; throws <see cref="ArimaException"/> where R stops with an error.</summary>
    public ArimaFit Estimate(ArimaRequest request)
    {
        Evaluations = 0;
        var prob = Prepare(request, out var method, out var transform, out var ncond);
        var o = prob.Orders;
        var narma = o.Narma;
        var ncoef = narma + prob.K;
        Ensure(prob.N, o.PhiLength, o.ThetaLength, ncoef);
        var free = prob.Free;
        var nfree = free.Length;
        var noOptim = nfree == 0;
        var coef = (double[])prob.Fixed.Clone();
        var init = Init0(prob);
        var par = new double[nfree];
        double value;
        int convergence;
        double[] residuals;
        double sigma2;
        Func<VarianceStatus>? deferred = null;
        VarianceStatus? varianceStatus = null;

        if (method == ArimaMethod.Css)
        {
            _css.Bind(prob, ncond);
            for (var i = 0; i < nfree; i++) par[i] = init[free[i]];
            if (noOptim)
            {
                value = _css.Value(par);
                convergence = 0;
            }
            else
            {
                var status = _bfgs.Minimize(_css, par, prob.Parscale, out value);
                Evaluations += _bfgs.Evaluations;
                convergence = Check(status);
            }
            for (var i = 0; i < nfree; i++) coef[free[i]] = par[i];
            var phi = _phi.AsSpan(0, o.PhiLength);
            var theta = _theta.AsSpan(0, o.ThetaLength);
            ArmaTransform.ExpandPolynomials(coef, o, false, phi, theta);
            var x = Adjusted(prob, coef);
            residuals = new double[prob.N];
            var w = _w.AsSpan(0, prob.N);
            ArimaCss.Difference(x, o, w);
            sigma2 = ArimaCss.Variance(w, phi, theta, ncond, residuals);
            if (!noOptim)
            {
                var parCopy = (double[])par.Clone();
                var nUsedCss = CountUsed(prob);
                VarianceStatus check()
                {
                    _css.Bind(prob, ncond);
                    return VarianceCheck(_css, parCopy, prob.Parscale, nUsedCss, null);
                }
                if (request.DeferHessian) deferred = check;
                else varianceStatus = Required(check());
            }
        }
        else
        {
            if (method == ArimaMethod.CssMl)
            {
                _css.Bind(prob, ncond);
                for (var i = 0; i < nfree; i++) par[i] = init[free[i]];
                if (!noOptim)
                {
                    var status = _bfgs.Minimize(_css, par, prob.Parscale, out _);
                    Evaluations += _bfgs.Evaluations;
                    if (Check(status) == 0)
                        for (var i = 0; i < nfree; i++) init[free[i]] = par[i];
                }
                if (o.P > 0 && !PolynomialRoots.ArOutside(init.AsSpan(0, o.P)))
                    throw new ArimaException("non-stationary AR part from CSS");
                if (o.SP > 0 && !PolynomialRoots.ArOutside(init.AsSpan(o.P + o.Q, o.SP)))
                    throw new ArimaException("non-stationary seasonal AR part from CSS");
            }
            if (transform)
            {
                var t = new double[init.Length];
                ArmaTransform.InvTrans(init, o, t);
                // beyond the ARMA block InvTrans copies unchanged
                init = t;
                if (o.Q > 0) PolynomialRoots.MaInvert(init.AsSpan(o.P, o.Q));
                if (o.SQ > 0) PolynomialRoots.MaInvert(init.AsSpan(o.P + o.Q + o.SP, o.SQ));
            }
            _ml.Bind(prob, transform);
            for (var i = 0; i < nfree; i++) par[i] = init[free[i]];
            if (noOptim)
            {
                value = _ml.Value(par);
                convergence = 0;
            }
            else
            {
                var status = _bfgs.Minimize(_ml, par, prob.Parscale, out value);
                Evaluations += _bfgs.Evaluations;
                convergence = Check(status);
            }
            for (var i = 0; i < nfree; i++) coef[free[i]] = par[i];
            if (transform)
            {
                var changed = false;
                if (o.Q > 0 && AllFree(prob, o.P, o.Q)) changed |= PolynomialRoots.MaInvert(coef.AsSpan(o.P, o.Q));
                if (o.SQ > 0 && AllFree(prob, o.P + o.Q + o.SP, o.SQ)) changed |= PolynomialRoots.MaInvert(coef.AsSpan(o.P + o.Q + o.SP, o.SQ));
                if (changed)
                {
                    var moved = false;
                    for (var i = 0; i < nfree; i++) moved |= coef[free[i]] != par[i];
                    if (moved)
                    {
                        for (var i = 0; i < nfree; i++) par[i] = coef[free[i]];
                        _ml.Bind(prob, transform);
                        value = _ml.Value(par);
                    }
                }
            }
            if (!noOptim)
            {
                var parCopy = (double[])par.Clone();
                double[]? jac = null;
                if (transform)
                {
                    var full = new double[ncoef * ncoef];
                    ArmaTransform.GradTrans(coef, o, full);
                    jac = new double[nfree * nfree];
                    for (var i = 0; i < nfree; i++)
                        for (var j = 0; j < nfree; j++) jac[i * nfree + j] = full[free[i] * ncoef + free[j]];
                }
                var nUsedMl = CountUsed(prob);
                var tr = transform;
                VarianceStatus check()
                {
                    _ml.Bind(prob, tr);
                    return VarianceCheck(_ml, parCopy, prob.Parscale, nUsedMl, jac);
                }
                if (request.DeferHessian) deferred = check;
                else varianceStatus = Required(check());
            }
            if (transform)
            {
                var undone = new double[coef.Length];
                ArmaTransform.UndoPars(coef, o, undone);
                undone.CopyTo(coef, 0);
            }
            var phi = _phi.AsSpan(0, o.PhiLength);
            var theta = _theta.AsSpan(0, o.ThetaLength);
            ArmaTransform.ExpandPolynomials(coef, o, false, phi, theta);
            _kalman.Setup(phi, theta, prob.Delta, request.Kappa);
            residuals = new double[prob.N];
            var (ssq, _, _) = _kalman.Filter(Adjusted(prob, coef), residuals);
            sigma2 = ssq / CountUsed(prob);
        }

        var nUsed = CountUsed(prob);
        var twoNll = 2 * nUsed * value + nUsed + nUsed * Math.Log(2 * Math.PI);
        var aic = method != ArimaMethod.Css ? twoNll + 2 * nfree + 2 : double.NaN;
        var phiOut = new double[o.PhiLength];
        var thetaOut = new double[o.ThetaLength];
        ArmaTransform.ExpandPolynomials(coef, o, false, phiOut, thetaOut);
        if (prob.Rotation is { } v)
        {
            var k = prob.K;
            var rotated = new double[k];
            for (var i = 0; i < k; i++)
            {
                var s = 0.0;
                for (var j = 0; j < k; j++) s += v[i + j * k] * coef[narma + j];
                rotated[i] = s;
            }
            rotated.CopyTo(coef, narma);
        }
        var fit = new ArimaFit
        {
            Problem = prob,
            Method = method,
            Names = Names(request, o),
            Coef = coef,
            Sigma2 = sigma2,
            LogLik = -0.5 * twoNll,
            Aic = aic,
            NUsed = nUsed,
            Residuals = residuals,
            Phi = phiOut,
            Theta = thetaOut,
            HasIntercept = request.IncludeMean && o.D + o.SD == 0,
            FreeCount = nfree,
            Convergence = convergence,
            DeferredVarianceCheck = deferred,
        };
        if (varianceStatus is { } vs) fit.Variance = vs;
        return fit;
    }

    private static VarianceStatus Required(VarianceStatus status) =>
        status == VarianceStatus.Singular ? throw new ArimaException("the numerical Hessian is singular: the coefficient variance cannot be computed") : status;

    private static bool AllFree(ArimaProblem prob, int start, int length)
    {
        for (var i = start; i < start + length; i++)
            if (!double.IsNaN(prob.Fixed[i])) return false;
        return true;
    }

    private static int Check(OptimStatus status) => status switch
    {
        OptimStatus.Converged => 0,
        OptimStatus.MaxIterations => 1,
        OptimStatus.NonFiniteInitialValue => throw new ArimaException("initial value in 'vmmin' is not finite"),
        _ => throw new ArimaException("non-finite finite-difference value"),
    };

    /// <summary>
    /// <c>var = A' solve(H n_used) A</c> (or <c>solve(H n_used)</c>) from the numerical Hessian at
    /// <paramref name="par"/>: false when R's <c>solve</c> would fail or a variance is negative.
    /// </summary>
    private VarianceStatus VarianceCheck(IObjective f, double[] par, double[] parscale, int nUsed, double[]? jac)
    {
        var k = par.Length;
        var h = new double[k * k];
        if (!_bfgs.Hessian(f, par, parscale, h)) return VarianceStatus.Singular;
        var m = Matrix<double>.Build.Dense(k, k);
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++) m[i, j] = h[i * k + j] * nUsed;
        foreach (var e in h)
            if (!double.IsFinite(e)) return VarianceStatus.Singular;
        var lu = m.LU();
        if (lu.Determinant == 0.0) return VarianceStatus.Singular;
        var inv = lu.Inverse();
        var rcond = 1.0 / (m.L1Norm() * inv.L1Norm());
        if (!(rcond >= 2.220446049250313e-16)) return VarianceStatus.Singular;
        for (var i = 0; i < k; i++)
        {
            double vi;
            if (jac is null)
            {
                vi = inv[i, i];
            }
            else
            {
                // column i of A (A[r, i] = jac[r * k + i])
                vi = 0.0;
                for (var r = 0; r < k; r++)
                {
                    var s = 0.0;
                    for (var c = 0; c < k; c++) s += inv[r, c] * jac[c * k + i];
                    vi += jac[r * k + i] * s;
                }
            }
            if (double.IsNaN(vi) || vi < 0) return VarianceStatus.Negative;
        }
        return VarianceStatus.Ok;
    }

    private static int CountUsed(ArimaProblem prob)
    {
        var n = prob.N;
        var used = 0;
        for (var t = 0; t < n; t++)
        {
            var ok = !double.IsNaN(prob.Y[t]);
            for (var j = 0; ok && j < prob.K; j++) ok = !double.IsNaN(prob.X[t + j * n]);
            if (ok) used++;
        }
        return used - prob.Delta.Length;
    }

    private static string[] Names(ArimaRequest req, ArmaOrders o)
    {
        var names = new List<string>();
        for (var i = 1; i <= o.P; i++) names.Add(FormattableString.Invariant($"ar{i}"));
        for (var i = 1; i <= o.Q; i++) names.Add(FormattableString.Invariant($"ma{i}"));
        for (var i = 1; i <= o.SP; i++) names.Add(FormattableString.Invariant($"sar{i}"));
        for (var i = 1; i <= o.SQ; i++) names.Add(FormattableString.Invariant($"sma{i}"));
        if (req.IncludeMean && o.D + o.SD == 0) names.Add("intercept");
        for (var j = 0; j < req.XregColumns; j++)
            names.Add(j < req.XregNames.Count ? req.XregNames[j] : FormattableString.Invariant($"x{j + 1}"));
        return [.. names];
    }

    /// <summary><c>y - X beta</c> for the coefficients <paramref name="coef"/> (in the problem's basis).</summary>
    internal ReadOnlySpan<double> Adjusted(ArimaProblem prob, ReadOnlySpan<double> coef)
    {
        if (prob.K == 0) return prob.Y;
        var n = prob.N;
        var xr = _xr.AsSpan(0, n);
        var narma = prob.Narma;
        var x = prob.X;
        xr.Clear();
        for (var j = 0; j < prob.K; j++)
        {
            var b = coef[narma + j];
            var col = x.AsSpan(j * n, n);
            for (var t = 0; t < n; t++) xr[t] += col[t] * b;
        }
        var y = prob.Y;
        for (var t = 0; t < n; t++) xr[t] = y[t] - xr[t];
        return xr;
    }
}
