using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// Conditional sum of squares of an ARIMA model (R's <c>ARIMA_CSS</c>; Box and Jenkins 1976, ch. 7): the series
/// is differenced, and the innovations <c>e_t = w_t - sum phi_j w_(t-j) - sum theta_j e_(t-j)</c> are computed
/// from <c>t = ncond</c> with earlier innovations taken as zero. Returns <c>sum e_t^2 / n_used</c> over the
/// non-missing innovations.
/// </summary>
internal static class ArimaCss
{
    /// <summary>
    /// Differences <paramref name="y"/> into <paramref name="w"/> (in place semantics of R: the first values stay
    /// partially differenced and are never used).
    /// </summary>
    public static void Difference(ReadOnlySpan<double> y, in ArmaOrders o, Span<double> w)
    {
        var n = y.Length;
        y.CopyTo(w);
        for (var i = 0; i < o.D; i++)
            for (var l = n - 1; l > 0; l--) w[l] -= w[l - 1];
        var ns = o.Period;
        for (var i = 0; i < o.SD; i++)
            for (var l = n - 1; l >= ns; l--) w[l] -= w[l - ns];
    }

    /// <summary>
    /// The CSS variance <c>sum e_t^2 / n_used</c> for differenced series <paramref name="w"/>, expanded AR and MA
    /// polynomials, conditioning on the first <paramref name="ncond"/> values. <paramref name="resid"/> (length n)
    /// receives the innovations, zero before <paramref name="ncond"/>.
    /// </summary>
    public static double Variance(ReadOnlySpan<double> w, ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, int ncond, Span<double> resid)
    {
        var n = w.Length;
        int p = phi.Length, q = theta.Length;
        if (resid.Length < n) throw new ArgumentException("residual buffer too short", nameof(resid));
        resid[..Math.Min(ncond, n)].Clear();
        ref var rw = ref MemoryMarshal.GetReference(w);
        ref var rr = ref MemoryMarshal.GetReference(resid);
        ref var rphi = ref MemoryMarshal.GetReference(phi);
        ref var rth = ref MemoryMarshal.GetReference(theta);
        double ssq = 0;
        var nu = 0;
        for (var l = ncond; l < n; l++)
        {
            var tmp = Unsafe.Add(ref rw, l);
            for (var j = 0; j < p; j++) tmp -= Unsafe.Add(ref rphi, j) * Unsafe.Add(ref rw, l - j - 1);
            var jmax = Math.Min(l - ncond, q);
            for (var j = 0; j < jmax; j++) tmp -= Unsafe.Add(ref rth, j) * Unsafe.Add(ref rr, l - j - 1);
            Unsafe.Add(ref rr, l) = tmp;
            if (!double.IsNaN(tmp))
            {
                nu++;
                ssq += tmp * tmp;
            }
        }
        return ssq / nu;
    }

    /// <summary>
    /// <see cref="Variance"/> for four parameter vectors at once, one per SIMD lane (each lane does the scalar
    /// operations): lane <c>k</c> has <c>phi[k p ..]</c>, <c>theta[k q ..]</c> and the differenced series <paramref name="w"/>
    /// (shared, length n) or <c>w[k n ..]</c> when <paramref name="perLane"/>.
    /// </summary>
    public static void VarianceBatch(ReadOnlySpan<double> w, bool perLane, ReadOnlySpan<double> phi, int p, ReadOnlySpan<double> theta, int q,
        int ncond, Span<Vector256<double>> resid, Span<double> variance)
    {
        const int width = 4;
        var n = perLane ? w.Length / width : w.Length;
        Span<Vector256<double>> vphi = stackalloc Vector256<double>[p];
        Span<Vector256<double>> vth = stackalloc Vector256<double>[q];
        for (var j = 0; j < p; j++) vphi[j] = Vector256.Create(phi[j], phi[p + j], phi[2 * p + j], phi[3 * p + j]);
        for (var j = 0; j < q; j++) vth[j] = Vector256.Create(theta[j], theta[q + j], theta[2 * q + j], theta[3 * q + j]);
        Span<Vector256<double>> vw = n <= 1024 ? stackalloc Vector256<double>[n] : new Vector256<double>[n];
        for (var l = 0; l < n; l++)
            vw[l] = perLane ? Vector256.Create(w[l], w[n + l], w[2 * n + l], w[3 * n + l]) : Vector256.Create(w[l]);
        resid[..Math.Min(ncond, n)].Clear();
        var ssq = Vector256<double>.Zero;
        var nu = Vector256<double>.Zero;
        var one = Vector256<double>.One;
        for (var l = ncond; l < n; l++)
        {
            var tmp = vw[l];
            for (var j = 0; j < p; j++) tmp -= vphi[j] * vw[l - j - 1];
            var jmax = Math.Min(l - ncond, q);
            for (var j = 0; j < jmax; j++) tmp -= vth[j] * resid[l - j - 1];
            resid[l] = tmp;
            var ok = Vector256.Equals(tmp, tmp);
            nu += one & ok;
            ssq += Vector256.ConditionalSelect(ok, tmp * tmp, Vector256<double>.Zero);
        }
        var v = ssq / nu;
        for (var k = 0; k < width; k++) variance[k] = v.GetElement(k);
    }
}
