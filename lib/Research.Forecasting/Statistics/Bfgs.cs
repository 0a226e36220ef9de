namespace Research.Forecasting.Statistics;

/// <summary>A function to minimise, evaluated at unscaled parameters.</summary>
public interface IObjective
{
    /// <summary>The function value at <paramref name="parameters"/> (may be non-finite where undefined).</summary>
    double Value(ReadOnlySpan<double> parameters);
}

/// <summary>
/// A function that can also evaluate several points in one call (e.g. in SIMD lanes); <see cref="Bfgs"/> uses it
/// for the independent points of its finite-difference gradients.
/// </summary>
public interface IBatchObjective : IObjective
{
    /// <summary>Most points per <see cref="Values"/> call; 0 or 1 disables batching.</summary>
    int BatchSize { get; }

    /// <summary>
    /// <c>values[k] = Value(points[k n .. (k + 1) n])</c> for <c>k &lt; count</c>, where <c>n = points.Length / count</c>;
    /// each value must equal what <see cref="IObjective.Value"/> gives up to rounding.
    /// </summary>
    void Values(ReadOnlySpan<double> points, int count, Span<double> values);
}

/// <summary>How a <see cref="Bfgs"/> minimisation ended (R's <c>optim</c> convergence code and errors).</summary>
public enum OptimStatus
{
    /// <summary>Relative change of the value below the tolerance (R's <c>convergence = 0</c>).</summary>
    Converged,
    /// <summary>Iteration limit reached (R's <c>convergence = 1</c>).</summary>
    MaxIterations,
    /// <summary>The value at the starting point is not finite (R: "initial value in 'vmmin' is not finite").</summary>
    NonFiniteInitialValue,
    /// <summary>A finite-difference derivative is not finite (R: "non-finite finite-difference value").</summary>
    NonFiniteGradient,
}

/// <summary>
/// Variable-metric (BFGS) minimisation with numerical central-difference gradients, as R's
/// <c>optim(method = "BFGS")</c>: Nash's <c>vmmin</c> (Compact Numerical Methods, 1990, Algorithm 21) with
/// backtracking line search (step reduction 0.2, Armijo constant 1e-4), the inverse Hessian reset when the
/// update is not positive and every <c>2n</c> gradients, and convergence when the value changes relatively less
/// than <see cref="RelTol"/>. Parameters are optimised on the scale <c>par / parscale</c>; the gradient uses
/// steps <see cref="Ndeps"/> on that scale. One instance holds its work buffers and is reused across calls
/// (not thread-safe).
/// </summary>
public sealed class Bfgs
{
    private const double StepReduction = 0.2, AcceptTolerance = 1e-4, RelTest = 10.0;

    private double[] _b = [], _g = [], _t = [], _x = [], _c = [], _h = [], _xs = [], _df1 = [], _df2 = [];
    private double[] _points = [], _values = [], _plus = [], _minus = [];
    private double[] _scale = [];

    /// <summary>Iteration limit (R's <c>maxit</c>, default 100).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Relative convergence tolerance (R's <c>reltol</c>, default <c>sqrt(.Machine$double.eps)</c>).</summary>
    public double RelTol { get; init; } = 1.4901161193847656e-08;

    /// <summary>Absolute tolerance on the value (R's <c>abstol</c>, default <c>-Inf</c>).</summary>
    public double AbsTol { get; init; } = double.NegativeInfinity;

    /// <summary>Finite-difference step on the scaled parameters (R's <c>ndeps</c>, default 1e-3).</summary>
    public double Ndeps { get; init; } = 1e-3;

    /// <summary>Function evaluations of the last <see cref="Minimize"/> (including the gradients').</summary>
    public int Evaluations { get; private set; }

    private void Ensure(int n)
    {
        if (_b.Length >= n) return;
        _b = new double[n]; _g = new double[n]; _t = new double[n]; _x = new double[n]; _c = new double[n];
        _xs = new double[n]; _df1 = new double[n]; _df2 = new double[n]; _scale = new double[n];
        _h = new double[n * n];
    }

    /// <summary>
    /// Minimises <paramref name="f"/> from <paramref name="par"/>, which receives the minimiser; returns the status
    /// and the minimum in <paramref name="value"/>. With <paramref name="maxIterations"/> 0 only evaluates.
    /// </summary>
    public OptimStatus Minimize(IObjective f, Span<double> par, ReadOnlySpan<double> parscale, out double value, int? maxIterations = null)
    {
        var n = par.Length;
        Ensure(n);
        var maxit = maxIterations ?? MaxIterations;
        Evaluations = 0;
        var b = _b.AsSpan(0, n);
        var scale = _scale.AsSpan(0, n);
        parscale.CopyTo(scale);
        for (var i = 0; i < n; i++) b[i] = par[i] / scale[i];
        if (maxit <= 0)
        {
            value = Eval(f, b);
            return OptimStatus.Converged;
        }
        var status = Vmmin(f, n, maxit, out value);
        for (var i = 0; i < n; i++) par[i] = b[i] * scale[i];
        return status;
    }

    private double Eval(IObjective f, ReadOnlySpan<double> b)
    {
        var xs = _xs.AsSpan(0, b.Length);
        for (var i = 0; i < b.Length; i++) xs[i] = b[i] * _scale[i];
        Evaluations++;
        return f.Value(xs);
    }

    /// <summary>Central differences on the scaled parameters, as R's <c>fmingr</c>.</summary>
    private bool Gradient(IObjective f, ReadOnlySpan<double> b, Span<double> g)
    {
        if (f is IBatchObjective { BatchSize: > 1 } batch) return BatchGradient(batch, b, g);
        var n = b.Length;
        var xs = _xs.AsSpan(0, n);
        for (var i = 0; i < n; i++) xs[i] = b[i] * _scale[i];
        for (var i = 0; i < n; i++)
        {
            var eps = Ndeps;
            xs[i] = (b[i] + eps) * _scale[i];
            var v1 = f.Value(xs);
            xs[i] = (b[i] - eps) * _scale[i];
            var v2 = f.Value(xs);
            Evaluations += 2;
            g[i] = (v1 - v2) / (2 * eps);
            if (!double.IsFinite(g[i])) return false;
            xs[i] = b[i] * _scale[i];
        }
        return true;
    }

    /// <summary>The points of <see cref="Gradient"/> evaluated <see cref="IBatchObjective.BatchSize"/> at a time.</summary>
    private bool BatchGradient(IBatchObjective f, ReadOnlySpan<double> b, Span<double> g)
    {
        var n = b.Length;
        var width = f.BatchSize;
        if (_points.Length < width * n) _points = new double[width * n];
        if (_values.Length < width) _values = new double[width];
        if (_plus.Length < n)
        {
            _plus = new double[n];
            _minus = new double[n];
        }
        var eps = Ndeps;
        var total = 2 * n;
        for (var start = 0; start < total; start += width)
        {
            var count = Math.Min(width, total - start);
            var pts = _points.AsSpan(0, count * n);
            for (var k = 0; k < count; k++)
            {
                var point = pts.Slice(k * n, n);
                for (var j = 0; j < n; j++) point[j] = b[j] * _scale[j];
                var q = start + k;
                var i = q >> 1;
                point[i] = ((q & 1) == 0 ? b[i] + eps : b[i] - eps) * _scale[i];
            }
            f.Values(pts, count, _values.AsSpan(0, count));
            for (var k = 0; k < count; k++)
            {
                var q = start + k;
                if ((q & 1) == 0) _plus[q >> 1] = _values[k];
                else _minus[q >> 1] = _values[k];
            }
        }
        Evaluations += total;
        for (var i = 0; i < n; i++)
        {
            g[i] = (_plus[i] - _minus[i]) / (2 * eps);
            if (!double.IsFinite(g[i])) return false;
        }
        return true;
    }

    private OptimStatus Vmmin(IObjective f, int n, int maxit, out double fmin)
    {
        var b = _b.AsSpan(0, n);
        var g = _g.AsSpan(0, n);
        var t = _t.AsSpan(0, n);
        var x = _x.AsSpan(0, n);
        var c = _c.AsSpan(0, n);
        var bm = _h.AsSpan(0, n * n); // lower triangle, bm[i * n + j] for j <= i
        var fv = Eval(f, b);
        fmin = fv;
        if (!double.IsFinite(fv)) return OptimStatus.NonFiniteInitialValue;
        var gradcount = 1;
        if (!Gradient(f, b, g)) return OptimStatus.NonFiniteGradient;
        var iter = 1;
        var ilast = gradcount;
        int count;
        do
        {
            if (ilast == gradcount)
            {
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < i; j++) bm[i * n + j] = 0.0;
                    bm[i * n + i] = 1.0;
                }
            }
            for (var i = 0; i < n; i++)
            {
                x[i] = b[i];
                c[i] = g[i];
            }
            var gradproj = 0.0;
            for (var i = 0; i < n; i++)
            {
                var s = 0.0;
                for (var j = 0; j <= i; j++) s -= bm[i * n + j] * g[j];
                for (var j = i + 1; j < n; j++) s -= bm[j * n + i] * g[j];
                t[i] = s;
                gradproj += s * g[i];
            }
            if (gradproj < 0.0)
            {
                var steplength = 1.0;
                var accpoint = false;
                do
                {
                    count = 0;
                    for (var i = 0; i < n; i++)
                    {
                        b[i] = x[i] + steplength * t[i];
                        if (RelTest + x[i] == RelTest + b[i]) count++;
                    }
                    if (count < n)
                    {
                        fv = Eval(f, b);
                        accpoint = double.IsFinite(fv) && fv <= fmin + gradproj * steplength * AcceptTolerance;
                        if (!accpoint) steplength *= StepReduction;
                    }
                }
                while (!(count == n || accpoint));
                var enough = fv > AbsTol && Math.Abs(fv - fmin) > RelTol * (Math.Abs(fmin) + RelTol);
                if (!enough)
                {
                    count = n;
                    fmin = fv;
                }
                if (count < n)
                {
                    fmin = fv;
                    if (!Gradient(f, b, g)) return OptimStatus.NonFiniteGradient;
                    gradcount++;
                    iter++;
                    var d1 = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        t[i] = steplength * t[i];
                        c[i] = g[i] - c[i];
                        d1 += t[i] * c[i];
                    }
                    if (d1 > 0)
                    {
                        var d2 = 0.0;
                        for (var i = 0; i < n; i++)
                        {
                            var s = 0.0;
                            for (var j = 0; j <= i; j++) s += bm[i * n + j] * c[j];
                            for (var j = i + 1; j < n; j++) s += bm[j * n + i] * c[j];
                            x[i] = s;
                            d2 += s * c[i];
                        }
                        d2 = 1.0 + d2 / d1;
                        for (var i = 0; i < n; i++)
                            for (var j = 0; j <= i; j++)
                                bm[i * n + j] += (d2 * t[i] * t[j] - x[i] * t[j] - t[i] * x[j]) / d1;
                    }
                    else
                    {
                        ilast = gradcount;
                    }
                }
                else if (ilast < gradcount)
                {
                    count = 0;
                    ilast = gradcount;
                }
            }
            else
            {
                count = 0;
                if (ilast == gradcount) count = n;
                else ilast = gradcount;
            }
            if (iter >= maxit) break;
            if (gradcount - ilast > 2 * n) ilast = gradcount;
        }
        while (count != n || ilast != gradcount);
        return iter < maxit ? OptimStatus.Converged : OptimStatus.MaxIterations;
    }

    /// <summary>
    /// The Hessian at <paramref name="par"/> by central differences of the numerical gradient, symmetrised, as
    /// R's <c>optimhess</c> (what <c>optim(hessian = TRUE)</c> returns). Writes <c>n x n</c> row-major values into
    /// <paramref name="hessian"/>; false when a finite difference is not finite.
    /// </summary>
    public bool Hessian(IObjective f, ReadOnlySpan<double> par, ReadOnlySpan<double> parscale, Span<double> hessian)
    {
        var n = par.Length;
        Ensure(n);
        var scale = _scale.AsSpan(0, n);
        parscale.CopyTo(scale);
        // _b holds the scaled point; the gradient routine uses _xs, so keep separate buffers
        var dpar = _b.AsSpan(0, n);
        var df1 = _df1.AsSpan(0, n);
        var df2 = _df2.AsSpan(0, n);
        for (var i = 0; i < n; i++) dpar[i] = par[i] / scale[i];
        for (var i = 0; i < n; i++)
        {
            var eps = Ndeps / scale[i];
            dpar[i] += eps;
            if (!Gradient(f, dpar, df1)) return false;
            dpar[i] -= 2 * eps;
            if (!Gradient(f, dpar, df2)) return false;
            for (var j = 0; j < n; j++)
                hessian[i * n + j] = (df1[j] - df2[j]) / (2 * eps * scale[i] * scale[j]);
            dpar[i] += eps;
        }
        for (var i = 0; i < n; i++)
            for (var j = 0; j < i; j++)
            {
                var tmp = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
                hessian[i * n + j] = hessian[j * n + i] = tmp;
            }
        return true;
    }
}
