namespace Research.Forecasting.Models.Arima;

/// <summary>
/// Stationary covariance <c>Q0</c> of the ARMA state vector, the solution of <c>Q0 = T Q0 T' + R R'</c>, by the
/// method of Gardner, Harvey and Phillips (1980, Applied Statistics algorithm AS 154): the linear system for
/// <c>vech(Q0)</c> is solved row by row with Givens rotations (AS 75's <c>inclu2</c>) and back-substitution,
/// as R's <c>getQ0</c> (the default <c>SSinit = "Gardner1980"</c>).
/// </summary>
internal sealed class GardnerQ0
{
    private double[] _xnext = [], _xrow = [], _rbar = [], _thetab = [], _v = [], _pv = [];

    /// <summary>
    /// Writes the <c>r x r</c> covariance (column-major, <c>r = max(p, q + 1)</c>) of the state of the ARMA model
    /// with AR coefficients <paramref name="phi"/> and MA coefficients <paramref name="theta"/> into <paramref name="q0"/>,
    /// with leading dimension <paramref name="ld"/>.
    /// </summary>
    public void Compute(ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, Span<double> q0, int ld)
    {
        int p = phi.Length, q = theta.Length;
        var r = Math.Max(p, q + 1);
        var np = r * (r + 1) / 2;
        var nrbar = np * (np - 1) / 2;
        if (r > 350) throw new ArgumentException("maximum supported lag is 350");
        if (_xnext.Length < np)
        {
            _xnext = new double[np]; _xrow = new double[np]; _thetab = new double[np]; _v = new double[np]; _pv = new double[np];
        }
        if (_rbar.Length < nrbar) _rbar = new double[nrbar];
        var xnext = _xnext.AsSpan(0, np);
        var xrow = _xrow.AsSpan(0, np);
        var rbar = _rbar.AsSpan(0, nrbar);
        var thetab = _thetab.AsSpan(0, np);
        var v = _v.AsSpan(0, np);
        var pv = _pv.AsSpan(0, np); // vech(Q0), packed

        for (int j = 0, ind = 0; j < r; j++)
        {
            var vj = j == 0 ? 1.0 : j - 1 < q ? theta[j - 1] : 0.0;
            for (var i = j; i < r; i++)
            {
                var vi = i == 0 ? 1.0 : i - 1 < q ? theta[i - 1] : 0.0;
                v[ind++] = vi * vj;
            }
        }

        if (r == 1)
        {
            q0[0] = 1.0 / (1.0 - phi[0] * phi[0]);
            return;
        }

        if (p > 0)
        {
            rbar.Clear();
            pv.Clear();
            thetab.Clear();
            xnext.Clear();
            var ind = 0;
            var ind1 = -1;
            var npr = np - r;
            var npr1 = npr + 1;
            var indj = npr;
            var ind2 = npr - 1;
            for (var j = 0; j < r; j++)
            {
                var phij = j < p ? phi[j] : 0.0;
                xnext[indj++] = 0.0;
                var indi = npr1 + j;
                for (var i = j; i < r; i++)
                {
                    var ynext = v[ind++];
                    var phii = i < p ? phi[i] : 0.0;
                    if (j != r - 1)
                    {
                        xnext[indj] = -phii;
                        if (i != r - 1)
                        {
                            xnext[indi] -= phij;
                            xnext[++ind1] = -1.0;
                        }
                    }
                    xnext[npr] = -phii * phij;
                    if (++ind2 >= np) ind2 = 0;
                    xnext[ind2] += 1.0;
                    Include(np, xnext, xrow, ynext, pv, rbar, thetab);
                    xnext[ind2] = 0.0;
                    if (i != r - 1)
                    {
                        xnext[indi++] = 0.0;
                        xnext[ind1] = 0.0;
                    }
                }
            }

            // back-substitution
            var ithisr = nrbar - 1;
            var im = np - 1;
            for (var i = 0; i < np; i++)
            {
                var bi = thetab[im];
                var jm = np - 1;
                for (var j = 0; j < i; j++) bi -= rbar[ithisr--] * pv[jm--];
                pv[im--] = bi;
            }

            // re-order: the solution was computed with the last r elements first
            for (var i = 0; i < r; i++) xnext[i] = pv[npr + i];
            {
                var a = np - 1;
                var b = npr - 1;
                for (var i = 0; i < npr; i++) pv[a--] = pv[b--];
            }
            for (var i = 0; i < r; i++) pv[i] = xnext[i];
        }
        else
        {
            // pure MA: back-substitution
            var indn = np;
            var ind = np;
            for (var i = 0; i < r; i++)
                for (var j = 0; j <= i; j++)
                {
                    --ind;
                    pv[ind] = v[ind];
                    if (j != 0) pv[ind] += pv[--indn];
                }
        }

        // unpack vech (columns of the lower triangle) into a full symmetric matrix
        for (int j = 0, k = 0; j < r; j++)
            for (var i = j; i < r; i++, k++)
            {
                q0[i + ld * j] = pv[k];
                q0[j + ld * i] = pv[k];
            }
    }

    /// <summary>Includes one row <c>(xnext, ynext)</c> into the square-root-free QR factorisation (AS 75 <c>inclu2</c>).</summary>
    private static void Include(int np, Span<double> xnext, Span<double> xrow, double ynext, Span<double> d, Span<double> rbar, Span<double> thetab)
    {
        xnext[..np].CopyTo(xrow);
        var ithisr = 0;
        for (var i = 0; i < np; i++)
        {
            if (xrow[i] != 0.0)
            {
                var xi = xrow[i];
                var di = d[i];
                var dpi = di + xi * xi;
                d[i] = dpi;
                var cbar = di / dpi;
                var sbar = xi / dpi;
                for (var k = i + 1; k < np; k++)
                {
                    var xk = xrow[k];
                    var rbthis = rbar[ithisr];
                    xrow[k] = xk - xi * rbthis;
                    rbar[ithisr++] = cbar * rbthis + sbar * xk;
                }
                var yk = ynext;
                ynext = yk - xi * thetab[i];
                thetab[i] = cbar * thetab[i] + sbar * yk;
                if (di == 0.0) return;
            }
            else
            {
                ithisr = ithisr + np - i - 1;
            }
        }
    }
}
