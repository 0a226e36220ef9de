using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// The Kalman filter of an ARIMA model in R's state-space form (<c>makeARIMA</c>; Durbin and Koopman 2001,
/// sec. 3.4): state <c>(ARMA state of dimension r = max(p, q + 1), the last d + mD undifferenced values)</c>,
/// observation <c>y_t = a_t[0] + sum Delta_i a_t[r + i]</c> with no measurement noise. The ARMA block starts at
/// its stationary covariance (<see cref="GardnerQ0"/>), the differencing block at the diffuse <c>kappa I</c>
/// (<c>kappa = 1e6</c>). Observations whose prediction variance is at least 1e4 (the diffuse start) are left
/// out of the likelihood; missing values are skipped. One instance is a reusable workspace.
/// </summary>
internal sealed class ArimaKalman
{
    private readonly GardnerQ0 _gardner = new();
    private double[] _phi = [], _theta = [], _delta = [];
    private double[] _a = [], _p = [], _pnew = [], _pnew1 = [], _anew = [], _m = [], _mm = [], _v = [], _phiphi = [], _phiPad = [];
    private int _np, _nq, _r, _d, _rd;

    /// <summary>Use the steady-state shortcut of <see cref="Filter"/> (off: R's recursion at every step).</summary>
    internal bool CycleShortcut { get; set; } = true;

    /// <summary>
    /// Sets the model (R's <c>makeARIMA</c>/<c>upARIMA</c>): expanded AR polynomial <paramref name="phi"/>,
    /// MA polynomial <paramref name="theta"/>, differencing polynomial <paramref name="delta"/>
    /// (<c>y_t = sum delta_i y_(t-i) + w_t</c>); zero initial state.
    /// </summary>
    public void Setup(ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, ReadOnlySpan<double> delta, double kappa = 1e6)
    {
        _np = phi.Length;
        _nq = theta.Length;
        _r = Math.Max(_np, _nq + 1);
        _d = delta.Length;
        _rd = _r + _d;
        if (_phi.Length < _np) _phi = new double[_np];
        if (_theta.Length < _nq) _theta = new double[_nq];
        if (_delta.Length < _d) _delta = new double[_d];
        if (_a.Length < _rd)
        {
            _a = new double[_rd]; _anew = new double[_rd]; _m = new double[_rd];
        }
        if (_p.Length < _rd * _rd)
        {
            _p = new double[_rd * _rd]; _pnew = new double[_rd * _rd]; _pnew1 = new double[_rd * _rd];
            _mm = new double[_rd * _rd];
        }
        phi.CopyTo(_phi);
        theta.CopyTo(_theta);
        delta.CopyTo(_delta);
        // R R' as R's loops form it: v_i v_j with v = (1, theta, 0...)
        var r = _r;
        if (_v.Length < r * r) _v = new double[r * r];
        for (var j = 0; j < r; j++)
            for (var i = 0; i < r; i++)
            {
                var vi = i == 0 ? 1.0 : i - 1 < _nq ? theta[i - 1] : 0.0;
                _v[i + r * j] = j == 0 ? vi : j - 1 < _nq ? vi * theta[j - 1] : 0.0;
            }
        if (_phiPad.Length < r) _phiPad = new double[r];
        _phiPad.AsSpan(0, r).Clear();
        phi.CopyTo(_phiPad);
        if (_phiphi.Length < _np * _np) _phiphi = new double[_np * _np];
        for (var j = 0; j < _np; j++)
            for (var i = 0; i < _np; i++) _phiphi[i + _np * j] = phi[i] * phi[j];
        _a.AsSpan(0, _rd).Clear();
        _p.AsSpan(0, _rd * _rd).Clear();
        var pn = _pnew.AsSpan(0, _rd * _rd);
        pn.Clear();
        if (_r > 1) _gardner.Compute(phi, theta, pn, _rd);
        else pn[0] = _np > 0 ? 1.0 / (1 - phi[0] * phi[0]) : 1.0;
        for (var i = 0; i < _d; i++) pn[(_r + i) + _rd * (_r + i)] = kappa;
    }

    /// <summary>
    /// Runs the filter over <paramref name="y"/> from the initial state (R's <c>ARIMA_Like</c>); returns the sum
    /// of squared standardised innovations, the sum of log prediction variances and the count of observations
    /// used. When <paramref name="residuals"/> is not empty it receives the standardised innovations (NaN where
    /// <paramref name="y"/> is missing). Leaves the filtered state for <see cref="Forecast"/>.
    /// </summary>
    /// <remarks>
    /// The covariance recursion does not depend on the data and converges to a steady state (Harvey 1989,
    /// sec. 3.3.4). Once an observed step changes the predicted covariance by no more than rounding noise
    /// (<see cref="SteadyTolerance"/> of its leading entry) twice in a row, the gain is frozen and only the state is updated,
    /// which changes the sums by rounding-level amounts (about 1e-15 relative). A missing value returns to the
    /// full recursion.
    /// </remarks>
    public (double Ssq, double SumLog, int Nu) Filter(ReadOnlySpan<double> y, Span<double> residuals)
    {
        int r = _r, d = _d, rd = _rd;
        var rd2 = rd * rd;
        var delta = _delta.AsSpan(0, d);
        var a = _a.AsSpan(0, rd);
        var anew = _anew.AsSpan(0, rd);
        var pm = _p.AsSpan(0, rd2);
        var mvec = _m.AsSpan(0, rd);
        var useResid = !residuals.IsEmpty;
        double ssq = 0, sumlog = 0;
        var nu = 0;
        var n = y.Length;
        if (!CycleShortcut)
        {
            FilterTail(y, residuals, 0, ref ssq, ref sumlog, ref nu);
            return (ssq, sumlog, nu);
        }
        var cur = _pnew;
        var prev = _pnew1;
        var prevObserved = false;
        var steady = false;
        var calm = 0;
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
            var yl = y[l];
            if (!double.IsNaN(yl))
            {
                if (prevObserved && l > 0)
                {
                    calm = Converged(pnew, prev.AsSpan(0, rd2)) ? calm + 1 : 0;
                    steady = calm >= 2;
                }
                Observe(yl, pnew, residuals, l, ref ssq, ref sumlog, ref nu);
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
                if (useResid) residuals[l] = double.NaN;
                prevObserved = false;
                calm = 0;
            }
        }
        if (!steady)
        {
            if (!ReferenceEquals(cur, _pnew)) cur.AsSpan(0, rd2).CopyTo(_pnew);
            return (ssq, sumlog, nu);
        }

        // steady state: the gain of the last step is reused; P stays as updated there
        var last = cur.AsSpan(0, rd2);
        if (!ReferenceEquals(cur, _pnew)) last.CopyTo(_pnew);
        var g = mvec[0];
        for (var j = 0; j < d; j++) g += delta[j] * mvec[r + j];
        var logg = Math.Log(g);
        var sqrtg = Math.Sqrt(g);
        var counted = g < 1e4;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rn = ref MemoryMarshal.GetReference(anew);
        ref var rm = ref MemoryMarshal.GetReference(mvec);
        for (; l < n; l++)
        {
            PredictState(a, anew);
            var yl = y[l];
            if (double.IsNaN(yl))
            {
                // back to the full recursion: the covariance is carried forward unchanged
                anew.CopyTo(a);
                PredictCovariance(pm, _pnew.AsSpan(0, rd2));
                _pnew.AsSpan(0, rd2).CopyTo(pm);
                if (useResid) residuals[l] = double.NaN;
                FilterTail(y, residuals, l + 1, ref ssq, ref sumlog, ref nu);
                return (ssq, sumlog, nu);
            }
            var resid = yl - anew[0];
            for (var i = 0; i < d; i++) resid -= delta[i] * anew[r + i];
            if (counted)
            {
                nu++;
                ssq += resid * resid / g;
                sumlog += logg;
            }
            if (useResid) residuals[l] = resid / sqrtg;
            Columns.AddScaledDiv(ref ra, ref rn, ref rm, resid, g, rd);
        }
        return (ssq, sumlog, nu);
    }

    /// <summary>Change, relative to the leading entry, below which the predicted covariance counts as converged.</summary>
    internal const double SteadyTolerance = 8 * 2.220446049250313e-16;

    private static bool Converged(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        // scale: the leading variance (at least 1 in units of sigma^2; a smaller scale only makes the test stricter)
        var tol = SteadyTolerance * Math.Abs(x[0]);
        for (var i = 0; i < x.Length; i++)
            if (!(Math.Abs(x[i] - y[i]) <= tol)) return false;
        return true;
    }

    /// <summary>R's plain recursion from step <paramref name="start"/>, continuing the sums.</summary>
    private void FilterTail(ReadOnlySpan<double> y, Span<double> residuals, int start, ref double ssq, ref double sumlog, ref int nu)
    {
        var rd = _rd;
        var a = _a.AsSpan(0, rd);
        var anew = _anew.AsSpan(0, rd);
        var pm = _p.AsSpan(0, rd * rd);
        var pnew = _pnew.AsSpan(0, rd * rd);
        var useResid = !residuals.IsEmpty;
        for (var l = start; l < y.Length; l++)
        {
            PredictState(a, anew);
            if (l > 0) PredictCovariance(pm, pnew);
            var yl = y[l];
            if (!double.IsNaN(yl))
                Observe(yl, pnew, residuals, l, ref ssq, ref sumlog, ref nu);
            else
            {
                anew.CopyTo(a);
                pnew.CopyTo(pm);
                if (useResid) residuals[l] = double.NaN;
            }
        }
    }

    /// <summary>
    /// The measurement update of an observed step (R's <c>ARIMA_Like</c>): the innovation and its variance (gain), the
    /// likelihood sums (steps with a gain of 1e4 or more are not counted), the standardised residual, then the state
    /// <c>a = anew + M resid / gain</c> and the covariance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Observe(double yl, Span<double> pnew, Span<double> residuals, int l, ref double ssq, ref double sumlog, ref int nu)
    {
        int r = _r, d = _d, rd = _rd;
        var delta = _delta;
        var anew = _anew.AsSpan(0, rd);
        var mvec = _m.AsSpan(0, rd);
        var resid = yl - anew[0];
        for (var i = 0; i < d; i++) resid -= delta[i] * anew[r + i];
        var gain = Gain(pnew, mvec);
        if (gain < 1e4)
        {
            nu++;
            ssq += resid * resid / gain;
            sumlog += Math.Log(gain);
        }
        if (!residuals.IsEmpty) residuals[l] = resid / Math.Sqrt(gain);
        Columns.AddScaledDiv(ref MemoryMarshal.GetArrayDataReference(_a), ref MemoryMarshal.GetReference(anew), ref MemoryMarshal.GetReference(mvec), resid, gain, rd);
        Update(pnew, mvec, gain, _p.AsSpan(0, rd * rd));
    }

    /// <summary><c>M = Pnew Z</c> and the prediction variance <c>Z' Pnew Z</c>.</summary>
    private double Gain(ReadOnlySpan<double> pnew, Span<double> mvec)
    {
        int r = _r, d = _d, rd = _rd;
        var delta = _delta;
        ref var pn = ref MemoryMarshal.GetReference(pnew);
        ref var m = ref MemoryMarshal.GetReference(mvec);
        Columns.Copy(ref m, ref pn, rd);
        for (var j = 0; j < d; j++) Columns.AddScaled(ref m, delta[j], ref Unsafe.Add(ref pn, (r + j) * rd), rd);
        var gain = mvec[0];
        for (var j = 0; j < d; j++) gain += delta[j] * mvec[r + j];
        return gain;
    }

    /// <summary><c>P = Pnew - M M' / gain</c>.</summary>
    private void Update(ReadOnlySpan<double> pnew, ReadOnlySpan<double> mvec, double gain, Span<double> pm)
    {
        var rd = _rd;
        ref var pn = ref MemoryMarshal.GetReference(pnew);
        ref var m = ref MemoryMarshal.GetReference(mvec);
        ref var pp = ref MemoryMarshal.GetReference(pm);
        for (var j = 0; j < rd; j++)
            Columns.SubScaledDiv(ref Unsafe.Add(ref pp, j * rd), ref Unsafe.Add(ref pn, j * rd), ref m, Unsafe.Add(ref m, j), gain, rd);
    }

    /// <summary>
    /// Predicts <paramref name="mean"/>.Length steps from the filtered state (R's <c>KalmanForecast</c>):
    /// the means and the prediction variances in units of the innovation variance.
    /// </summary>
    public void Forecast(Span<double> mean, Span<double> variance)
    {
        int r = _r, d = _d, rd = _rd;
        var delta = _delta.AsSpan(0, d);
        var a = _a.AsSpan(0, rd);
        var anew = _anew.AsSpan(0, rd);
        var pm = _p.AsSpan(0, rd * rd);
        var pnew = _pnew.AsSpan(0, rd * rd);
        for (var l = 0; l < mean.Length; l++)
        {
            PredictState(a, anew);
            var fc = anew[0];
            for (var i = 0; i < d; i++) fc += delta[i] * anew[r + i];
            mean[l] = fc;
            anew.CopyTo(a);
            PredictCovariance(pm, pnew);
            pnew.CopyTo(pm);
            var v = pm[0];
            for (var j = 0; j < d; j++) v += delta[j] * pm[r + j] + delta[j] * pm[(r + j) * rd];
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++) v += delta[i] * delta[j] * pm[(r + i) + (r + j) * rd];
            variance[l] = v;
        }
    }

    /// <summary><c>anew = T a</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PredictState(ReadOnlySpan<double> a, Span<double> anew)
    {
        int r = _r, d = _d, p = _np;
        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pn = ref MemoryMarshal.GetReference(anew);
        ref var phi = ref MemoryMarshal.GetArrayDataReference(_phi);
        var a0 = pa;
        var both = Math.Min(p, r - 1);
        for (var i = 0; i < both; i++) Unsafe.Add(ref pn, i) = Unsafe.Add(ref pa, i + 1) + Unsafe.Add(ref phi, i) * a0;
        for (var i = both; i < r - 1; i++) Unsafe.Add(ref pn, i) = Unsafe.Add(ref pa, i + 1);
        if (r - 1 < p) Unsafe.Add(ref pn, r - 1) = 0.0 + Unsafe.Add(ref phi, r - 1) * a0;
        else Unsafe.Add(ref pn, r - 1) = 0.0;
        if (d > 0)
        {
            ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
            for (var i = r + d - 1; i > r; i--) Unsafe.Add(ref pn, i) = Unsafe.Add(ref pa, i - 1);
            var tmp = a0;
            for (var i = 0; i < d; i++) tmp += Unsafe.Add(ref delta, i) * Unsafe.Add(ref pa, r + i);
            Unsafe.Add(ref pn, r) = tmp;
        }
    }

    /// <summary><c>Pnew = T P T' + R R'</c>, structured as R's <c>ARIMA_Like</c> (same operations per element).</summary>
    private void PredictCovariance(ReadOnlySpan<double> pm, Span<double> pnew)
    {
        int r = _r, d = _d, rd = _rd, p = _np;
        ref var P = ref MemoryMarshal.GetReference(pm);
        ref var N = ref MemoryMarshal.GetReference(pnew);
        ref var phi = ref MemoryMarshal.GetArrayDataReference(_phi);
        ref var V = ref MemoryMarshal.GetArrayDataReference(_v);
        if (d == 0)
        {
            ref var PP = ref MemoryMarshal.GetArrayDataReference(_phiphi);
            var p0 = P;
            for (var j = 0; j < r; j++)
            {
                var jp = j < p;
                var jr = j < r - 1;
                var phj = jp ? Unsafe.Add(ref phi, j) : 0.0;
                var pj1 = jr ? Unsafe.Add(ref P, j + 1) : 0.0;
                for (var i = 0; i < r; i++)
                {
                    var tmp = Unsafe.Add(ref V, i + r * j);
                    var ip = i < p;
                    var ir = i < r - 1;
                    if (ip && jp) tmp += Unsafe.Add(ref PP, i + p * j) * p0;
                    if (ir && jr) tmp += Unsafe.Add(ref P, i + 1 + r * (j + 1));
                    if (ip && jr) tmp += Unsafe.Add(ref phi, i) * pj1;
                    if (jp && ir) tmp += phj * Unsafe.Add(ref P, i + 1);
                    Unsafe.Add(ref N, i + r * j) = tmp;
                }
            }
            return;
        }
        ref var mm = ref MemoryMarshal.GetArrayDataReference(_mm);
        ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        ref var phiPad = ref MemoryMarshal.GetArrayDataReference(_phiPad);
        // mm = T P, column by column: rows i < r - 1 are phi_i P[0, j] + P[i + 1, j] (phi padded with zeros)
        for (var j = 0; j < rd; j++)
        {
            ref var pc = ref Unsafe.Add(ref P, rd * j);
            ref var mc = ref Unsafe.Add(ref mm, rd * j);
            var pj0 = pc;
            Columns.MulAdd(ref mc, ref phiPad, pj0, ref Unsafe.Add(ref pc, 1), r - 1);
            Unsafe.Add(ref mc, r - 1) = r - 1 < p ? 0.0 + Unsafe.Add(ref phi, r - 1) * pj0 : 0.0;
            var t2 = pj0;
            for (var k = 0; k < d; k++) t2 += Unsafe.Add(ref delta, k) * Unsafe.Add(ref pc, r + k);
            Unsafe.Add(ref mc, r) = t2;
            for (var i = 1; i < d; i++) Unsafe.Add(ref mc, r + i) = Unsafe.Add(ref pc, r + i - 1);
        }
        // Pnew = mm T': column i < r is phi_i mm[, 0] + mm[, i + 1]
        for (var i = 0; i < r; i++)
        {
            ref var nc = ref Unsafe.Add(ref N, rd * i);
            var ph = i < p ? Unsafe.Add(ref phi, i) : 0.0;
            if (i < r - 1) Columns.ScaleAdd(ref nc, ph, ref mm, ref Unsafe.Add(ref mm, rd * (i + 1)), rd);
            else Columns.Scale(ref nc, ph, ref mm, rd);
        }
        {
            ref var nc = ref Unsafe.Add(ref N, rd * r);
            Columns.Copy(ref nc, ref mm, rd);
            for (var k = 0; k < d; k++) Columns.AddScaled(ref nc, Unsafe.Add(ref delta, k), ref Unsafe.Add(ref mm, rd * (r + k)), rd);
        }
        for (var i = 1; i < d; i++) Columns.Copy(ref Unsafe.Add(ref N, rd * (r + i)), ref Unsafe.Add(ref mm, rd * (r + i - 1)), rd);
        var q1 = _nq + 1;
        for (var j = 0; j < q1; j++) Columns.Add(ref Unsafe.Add(ref N, rd * j), ref Unsafe.Add(ref V, r * j), q1);
    }
}
