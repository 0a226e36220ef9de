using System.Runtime.Intrinsics;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// <see cref="ArimaKalman"/> for four parameter vectors of one model at once, one per SIMD lane (the points of a
/// finite-difference gradient). Every lane performs the scalar filter's operations in the same order, so each
/// lane's sums equal the scalar filter's up to the steady-state switch, which happens once all lanes converged.
/// </summary>
internal sealed class ArimaKalmanBatch
{
    public const int Width = 4;

    private readonly GardnerQ0 _gardner = new();
    private Vector256<double>[] _phi = [], _phiPad = [], _phiphi = [], _v = [];
    private Vector256<double>[] _a = [], _anew = [], _p = [], _pnew = [], _pprev = [], _m = [], _mm = [];
    private double[] _delta = [], _q0 = [];
    private int _np, _nq, _r, _d, _rd;

    /// <summary>
    /// Sets the models: lane <c>k</c> has AR coefficients <c>phi[k p .. (k+1) p)</c> and MA coefficients
    /// <c>theta[k q .. (k+1) q)</c>; all share the differencing polynomial.
    /// </summary>
    public void Setup(ReadOnlySpan<double> phi, int p, ReadOnlySpan<double> theta, int q, ReadOnlySpan<double> delta, double kappa = 1e6)
    {
        _np = p;
        _nq = q;
        var r = _r = Math.Max(p, q + 1);
        var d = _d = delta.Length;
        var rd = _rd = r + d;
        Ensure(ref _phi, p);
        Ensure(ref _phiPad, r);
        Ensure(ref _phiphi, p * p);
        Ensure(ref _v, r * r);
        Ensure(ref _a, rd);
        Ensure(ref _anew, rd);
        Ensure(ref _m, rd);
        Ensure(ref _p, rd * rd);
        Ensure(ref _pnew, rd * rd);
        Ensure(ref _pprev, rd * rd);
        Ensure(ref _mm, rd * rd);
        if (_delta.Length < d) _delta = new double[d];
        delta.CopyTo(_delta);
        if (_q0.Length < r * r) _q0 = new double[r * r];

        Span<double> lane = stackalloc double[Width];
        for (var i = 0; i < p; i++)
        {
            for (var k = 0; k < Width; k++) lane[k] = phi[k * p + i];
            _phi[i] = Vector256.Create((ReadOnlySpan<double>)lane);
        }
        for (var i = 0; i < r; i++) _phiPad[i] = i < p ? _phi[i] : Vector256<double>.Zero;
        for (var j = 0; j < p; j++)
            for (var i = 0; i < p; i++) _phiphi[i + p * j] = _phi[i] * _phi[j];
        for (var j = 0; j < r; j++)
            for (var i = 0; i < r; i++)
            {
                for (var k = 0; k < Width; k++)
                {
                    var vi = i == 0 ? 1.0 : i - 1 < q ? theta[k * q + i - 1] : 0.0;
                    lane[k] = j == 0 ? vi : j - 1 < q ? vi * theta[k * q + j - 1] : 0.0;
                }
                _v[i + r * j] = Vector256.Create((ReadOnlySpan<double>)lane);
            }
        _a.AsSpan(0, rd).Clear();
        _p.AsSpan(0, rd * rd).Clear();
        var pn = _pnew.AsSpan(0, rd * rd);
        pn.Clear();
        var q0 = _q0.AsSpan(0, r * r);
        Span<double> cell = stackalloc double[Width * r * r];
        for (var k = 0; k < Width; k++)
        {
            if (r > 1) _gardner.Compute(phi.Slice(k * p, p), theta.Slice(k * q, q), q0, r);
            else q0[0] = p > 0 ? 1.0 / (1 - phi[k * p] * phi[k * p]) : 1.0;
            for (var e = 0; e < r * r; e++) cell[e * Width + k] = q0[e];
        }
        for (var j = 0; j < r; j++)
            for (var i = 0; i < r; i++) pn[i + rd * j] = Vector256.Create(cell.Slice((i + r * j) * Width, Width));
        for (var i = 0; i < d; i++) pn[(r + i) + rd * (r + i)] = Vector256.Create(kappa);
    }

    private static void Ensure(ref Vector256<double>[] a, int n)
    {
        if (a.Length < n) a = new Vector256<double>[n];
    }

    /// <summary>
    /// Runs the filter; <paramref name="y"/> is one series shared by all lanes (length n) or, when
    /// <paramref name="perLane"/>, four series one after another (lane-major, length 4 n, missing values at the same
    /// positions). Writes each lane's sum of squares, sum of log gains and count of used observations.
    /// </summary>
    public void Filter(ReadOnlySpan<double> y, bool perLane, Span<double> ssqOut, Span<double> sumlogOut, Span<int> nuOut)
    {
        int r = _r, d = _d, rd = _rd, rd2 = rd * rd;
        var n = perLane ? y.Length / Width : y.Length;
        var a = _a.AsSpan(0, rd);
        var anew = _anew.AsSpan(0, rd);
        var pm = _p.AsSpan(0, rd2);
        var mv = _m.AsSpan(0, rd);
        var delta = _delta.AsSpan(0, d);
        var ssq = Vector256<double>.Zero;
        var sumlog = Vector256<double>.Zero;
        var nu = Vector256<double>.Zero;
        var cur = _pnew;
        var prev = _pprev;
        var prevObserved = false;
        var calm = Vector256<double>.Zero;      // per-lane count of converged steps in a row
        var two = Vector256.Create(2.0);
        var one = Vector256<double>.One;
        var limit = Vector256.Create(1e4);
        Span<double> lanes = stackalloc double[Width];
        var steady = false;
        var l = 0;
        for (; l < n; l++)
        {
            PredictState(a, anew);
            if (l > 0)
            {
                (cur, prev) = (prev, cur);
                PredictCovariance(pm, cur.AsSpan(0, rd2));
            }
            var pnew = cur.AsSpan(0, rd2);
            var y0 = perLane ? y[l] : y[l];
            if (!double.IsNaN(y0))
            {
                if (prevObserved && l > 0)
                {
                    var conv = Converged(pnew, prev.AsSpan(0, rd2));
                    calm = Vector256.ConditionalSelect(conv, calm + one, Vector256<double>.Zero);
                    steady = Vector256.GreaterThanOrEqualAll(calm, two);
                }
                var yl = perLane ? Vector256.Create(y[l], y[n + l], y[2 * n + l], y[3 * n + l]) : Vector256.Create(y0);
                var resid = yl - anew[0];
                for (var i = 0; i < d; i++) resid -= Vector256.Create(delta[i]) * anew[r + i];
                var gain = Gain(pnew, mv);
                var use = Vector256.LessThan(gain, limit);
                nu += one & use;
                ssq += Vector256.ConditionalSelect(use, resid * resid / gain, Vector256<double>.Zero);
                for (var k = 0; k < Width; k++) lanes[k] = Math.Log(gain.GetElement(k));
                sumlog += Vector256.ConditionalSelect(use, Vector256.Create((ReadOnlySpan<double>)lanes), Vector256<double>.Zero);
                for (var i = 0; i < rd; i++) a[i] = anew[i] + mv[i] * resid / gain;
                Update(pnew, mv, gain, pm);
                prevObserved = true;
                if (steady)
                {
                    l++;
                    break;
                }
            }
            else
            {
                anew.CopyTo(a);
                pnew.CopyTo(pm);
                prevObserved = false;
                calm = Vector256<double>.Zero;
            }
        }
        if (!ReferenceEquals(cur, _pnew)) cur.AsSpan(0, rd2).CopyTo(_pnew);
        if (steady)
        {
            var g = mv[0];
            for (var j = 0; j < d; j++) g += Vector256.Create(delta[j]) * mv[r + j];
            for (var k = 0; k < Width; k++) lanes[k] = Math.Log(g.GetElement(k));
            var logg = Vector256.Create((ReadOnlySpan<double>)lanes);
            var use = Vector256.LessThan(g, limit);
            var inc = one & use;
            var loggUsed = Vector256.ConditionalSelect(use, logg, Vector256<double>.Zero);
            for (; l < n; l++)
            {
                PredictState(a, anew);
                var y0 = y[l];
                if (double.IsNaN(y0))
                {
                    anew.CopyTo(a);
                    PredictCovariance(pm, _pnew.AsSpan(0, rd2));
                    _pnew.AsSpan(0, rd2).CopyTo(pm);
                    l++;
                    FullTail(y, perLane, n, l, ref ssq, ref sumlog, ref nu, lanes);
                    break;
                }
                var yl = perLane ? Vector256.Create(y[l], y[n + l], y[2 * n + l], y[3 * n + l]) : Vector256.Create(y0);
                var resid = yl - anew[0];
                for (var i = 0; i < d; i++) resid -= Vector256.Create(delta[i]) * anew[r + i];
                nu += inc;
                ssq += Vector256.ConditionalSelect(use, resid * resid / g, Vector256<double>.Zero);
                sumlog += loggUsed;
                for (var i = 0; i < rd; i++) a[i] = anew[i] + mv[i] * resid / g;
            }
        }
        for (var k = 0; k < Width; k++)
        {
            ssqOut[k] = ssq.GetElement(k);
            sumlogOut[k] = sumlog.GetElement(k);
            nuOut[k] = (int)nu.GetElement(k);
        }
    }

    /// <summary>The full recursion from step <paramref name="start"/> (after a missing value interrupted the steady state).</summary>
    private void FullTail(ReadOnlySpan<double> y, bool perLane, int n, int start, ref Vector256<double> ssq, ref Vector256<double> sumlog, ref Vector256<double> nu, Span<double> lanes)
    {
        int r = _r, d = _d, rd = _rd, rd2 = rd * rd;
        var a = _a.AsSpan(0, rd);
        var anew = _anew.AsSpan(0, rd);
        var pm = _p.AsSpan(0, rd2);
        var mv = _m.AsSpan(0, rd);
        var pnew = _pnew.AsSpan(0, rd2);
        var one = Vector256<double>.One;
        var limit = Vector256.Create(1e4);
        for (var l = start; l < n; l++)
        {
            PredictState(a, anew);
            PredictCovariance(pm, pnew);
            var y0 = y[l];
            if (double.IsNaN(y0))
            {
                anew.CopyTo(a);
                pnew.CopyTo(pm);
                continue;
            }
            var yl = perLane ? Vector256.Create(y[l], y[n + l], y[2 * n + l], y[3 * n + l]) : Vector256.Create(y0);
            var resid = yl - anew[0];
            for (var i = 0; i < d; i++) resid -= Vector256.Create(_delta[i]) * anew[r + i];
            var gain = Gain(pnew, mv);
            var use = Vector256.LessThan(gain, limit);
            nu += one & use;
            ssq += Vector256.ConditionalSelect(use, resid * resid / gain, Vector256<double>.Zero);
            for (var k = 0; k < Width; k++) lanes[k] = Math.Log(gain.GetElement(k));
            sumlog += Vector256.ConditionalSelect(use, Vector256.Create((ReadOnlySpan<double>)lanes), Vector256<double>.Zero);
            for (var i = 0; i < rd; i++) a[i] = anew[i] + mv[i] * resid / gain;
            Update(pnew, mv, gain, pm);
        }
    }

    private static Vector256<double> Converged(ReadOnlySpan<Vector256<double>> x, ReadOnlySpan<Vector256<double>> y)
    {
        var tol = Vector256.Create(ArimaKalman.SteadyTolerance) * Vector256.Abs(x[0]);
        var ok = Vector256<double>.AllBitsSet;
        for (var i = 0; i < x.Length; i++) ok &= Vector256.LessThanOrEqual(Vector256.Abs(x[i] - y[i]), tol);
        return ok;
    }

    private void PredictState(ReadOnlySpan<Vector256<double>> a, Span<Vector256<double>> anew)
    {
        int r = _r, d = _d, p = _np;
        var a0 = a[0];
        var both = Math.Min(p, r - 1);
        for (var i = 0; i < both; i++) anew[i] = a[i + 1] + _phi[i] * a0;
        for (var i = both; i < r - 1; i++) anew[i] = a[i + 1];
        anew[r - 1] = r - 1 < p ? Vector256<double>.Zero + _phi[r - 1] * a0 : Vector256<double>.Zero;
        if (d > 0)
        {
            for (var i = r + d - 1; i > r; i--) anew[i] = a[i - 1];
            var tmp = a0;
            for (var i = 0; i < d; i++) tmp += Vector256.Create(_delta[i]) * a[r + i];
            anew[r] = tmp;
        }
    }

    private Vector256<double> Gain(ReadOnlySpan<Vector256<double>> pnew, Span<Vector256<double>> m)
    {
        int r = _r, d = _d, rd = _rd;
        for (var i = 0; i < rd; i++)
        {
            var tmp = pnew[i];
            for (var j = 0; j < d; j++) tmp += Vector256.Create(_delta[j]) * pnew[i + (r + j) * rd];
            m[i] = tmp;
        }
        var gain = m[0];
        for (var j = 0; j < d; j++) gain += Vector256.Create(_delta[j]) * m[r + j];
        return gain;
    }

    private void Update(ReadOnlySpan<Vector256<double>> pnew, ReadOnlySpan<Vector256<double>> m, Vector256<double> gain, Span<Vector256<double>> pm)
    {
        var rd = _rd;
        for (var j = 0; j < rd; j++)
        {
            var mj = m[j];
            for (var i = 0; i < rd; i++) pm[i + j * rd] = pnew[i + j * rd] - m[i] * mj / gain;
        }
    }

    /// <summary><c>Pnew = T P T' + R R'</c>, lane-wise as <see cref="ArimaKalman"/> computes it.</summary>
    private void PredictCovariance(ReadOnlySpan<Vector256<double>> pm, Span<Vector256<double>> pnew)
    {
        int r = _r, d = _d, rd = _rd, p = _np;
        var zero = Vector256<double>.Zero;
        if (d == 0)
        {
            var p0 = pm[0];
            for (var j = 0; j < r; j++)
            {
                var jp = j < p;
                var jr = j < r - 1;
                var phj = jp ? _phi[j] : zero;
                var pj1 = jr ? pm[j + 1] : zero;
                for (var i = 0; i < r; i++)
                {
                    var tmp = _v[i + r * j];
                    var ip = i < p;
                    var ir = i < r - 1;
                    if (ip && jp) tmp += _phiphi[i + p * j] * p0;
                    if (ir && jr) tmp += pm[i + 1 + r * (j + 1)];
                    if (ip && jr) tmp += _phi[i] * pj1;
                    if (jp && ir) tmp += phj * pm[i + 1];
                    pnew[i + r * j] = tmp;
                }
            }
            return;
        }
        var mm = _mm.AsSpan(0, rd * rd);
        for (var j = 0; j < rd; j++)
        {
            var c = rd * j;
            var pj0 = pm[c];
            for (var i = 0; i < r - 1; i++) mm[c + i] = _phiPad[i] * pj0 + pm[c + i + 1];
            mm[c + r - 1] = r - 1 < p ? zero + _phi[r - 1] * pj0 : zero;
            var t2 = pj0;
            for (var k = 0; k < d; k++) t2 += Vector256.Create(_delta[k]) * pm[c + r + k];
            mm[c + r] = t2;
            for (var i = 1; i < d; i++) mm[c + r + i] = pm[c + r + i - 1];
        }
        for (var i = 0; i < r; i++)
        {
            var ph = i < p ? _phi[i] : zero;
            var c = rd * i;
            if (i < r - 1)
            {
                var nx = rd * (i + 1);
                for (var j = 0; j < rd; j++) pnew[c + j] = ph * mm[j] + mm[nx + j];
            }
            else
            {
                for (var j = 0; j < rd; j++) pnew[c + j] = ph * mm[j];
            }
        }
        for (var j = 0; j < rd; j++)
        {
            var tmp = mm[j];
            for (var k = 0; k < d; k++) tmp += Vector256.Create(_delta[k]) * mm[rd * (r + k) + j];
            pnew[rd * r + j] = tmp;
        }
        for (var i = 1; i < d; i++)
            for (var j = 0; j < rd; j++) pnew[rd * (r + i) + j] = mm[rd * (r + i - 1) + j];
        var q1 = _nq + 1;
        for (var j = 0; j < q1; j++)
            for (var i = 0; i < q1; i++) pnew[i + rd * j] += _v[i + r * j];
    }
}
