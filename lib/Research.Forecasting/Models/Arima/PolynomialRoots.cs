using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// Root tests on lag polynomials <c>1 + c_1 z + ... + c_k z^k</c>. Whether every root lies outside a circle
/// is decided without root finding, by the Schur-Cohn step-down (reverse Durbin-Levinson) recursion; roots
/// themselves (R's <c>polyroot</c>) are the eigenvalues of the companion matrix.
/// </summary>
internal static class PolynomialRoots
{
    /// <summary>
    /// True when every root of <c>1 - sum ar_i z^i</c> has modulus greater than <paramref name="radius"/>
    /// (R's <c>arCheck</c> with radius 1: <c>all(Mod(polyroot(c(1, -ar))) &gt; 1)</c>). Trailing zeros are ignored.
    /// </summary>
    public static bool ArOutside(ReadOnlySpan<double> ar, double radius = 1.0)
    {
        var p = ar.Length;
        while (p > 0 && ar[p - 1] == 0.0) p--;
        if (p == 0) return true;
        Span<double> a = stackalloc double[p];
        Span<double> work = stackalloc double[p];
        var scale = 1.0;
        for (var i = 0; i < p; i++)
        {
            scale *= radius;
            a[i] = ar[i] * scale;
        }
        for (var j = p - 1; j >= 0; j--)
        {
            var k = a[j];
            if (!(Math.Abs(k) < 1.0)) return false;
            if (j == 0) break;
            var den = 1 - k * k;
            for (var i = 0; i < j; i++) work[i] = (a[i] + k * a[j - i - 1]) / den;
            for (var i = 0; i < j; i++) a[i] = work[i];
        }
        return true;
    }

    /// <summary>True when every root of <c>1 + sum ma_i z^i</c> has modulus greater than <paramref name="radius"/>.</summary>
    public static bool MaOutside(ReadOnlySpan<double> ma, double radius = 1.0)
    {
        Span<double> neg = stackalloc double[ma.Length];
        for (var i = 0; i < ma.Length; i++) neg[i] = -ma[i];
        return ArOutside(neg, radius);
    }

    /// <summary>Roots of <c>c_0 + c_1 z + ... + c_k z^k</c> (<c>c_k != 0</c>), as R's <c>polyroot(c)</c>.</summary>
    public static Complex[] Roots(ReadOnlySpan<double> c)
    {
        var k = c.Length - 1;
        while (k > 0 && c[k] == 0.0) k--;
        if (k <= 0) return [];
        if (k == 1) return [new Complex(-c[0] / c[1], 0)];
        var m = Matrix<double>.Build.Dense(k, k);
        for (var j = 0; j < k; j++) m[0, j] = -c[k - 1 - j] / c[k];
        for (var i = 1; i < k; i++) m[i, i - 1] = 1.0;
        return [.. m.Evd().EigenValues];
    }

    /// <summary>
    /// R's <c>maInvert</c>: reflects the roots of <c>1 + sum ma_i z^i</c> that lie inside the unit circle to
    /// <c>1 / root</c>, which gives the invertible MA polynomial with the same autocovariances. Returns false
    /// (leaving <paramref name="ma"/> unchanged) when it is already invertible.
    /// </summary>
    public static bool MaInvert(Span<double> ma)
    {
        var q0 = ma.Length;
        while (q0 > 0 && ma[q0 - 1] == 0.0) q0--;
        if (q0 == 0) return false;
        // fast exit: all roots outside or on the unit circle
        if (NoRootInside(ma[..q0])) return false;
        Span<double> poly = stackalloc double[q0 + 1];
        poly[0] = 1.0;
        ma[..q0].CopyTo(poly[1..]);
        var roots = Roots(poly);
        var any = false;
        foreach (var r in roots) any |= r.Magnitude < 1;
        if (!any) return false;
        if (q0 == 1)
        {
            ma[0] = 1.0 / ma[0];
            return true;
        }
        var x = new Complex[q0 + 1];
        x[0] = Complex.One;
        var len = 1;
        foreach (var r0 in roots)
        {
            var r = r0.Magnitude < 1 ? Complex.One / r0 : r0;
            // x <- c(x, 0) - c(0, x) / r
            for (var i = len; i >= 1; i--) x[i] = (i < len ? x[i] : Complex.Zero) - x[i - 1] / r;
            len++;
        }
        for (var i = 0; i < q0; i++) ma[i] = x[i + 1].Real;
        return true;
    }

    private static bool NoRootInside(ReadOnlySpan<double> ma)
    {
        // roots of 1 + sum ma z^i all have |z| >= 1 iff the step-down coefficients all have |k| <= 1;
        // a strict test (< 1) decides most cases; otherwise fall back to root finding
        return MaOutside(ma, 1.0);
    }
}
