namespace Research.Forecasting.Statistics;

/// <summary>Result of <see cref="LeastSquares.Fit"/>.</summary>
/// <param name="Coefficients">Estimates; NaN for columns dropped as linearly dependent.</param>
/// <param name="StandardErrors">Standard errors <c>sqrt(s^2 diag((X'X)^-1))</c>, <c>s^2 = RSS / (n - rank)</c>; NaN where dropped.</param>
/// <param name="Residuals">Residuals of the rows used.</param>
/// <param name="Rank">Number of columns kept.</param>
public sealed record LeastSquaresFit(double[] Coefficients, double[] StandardErrors, double[] Residuals, int Rank)
{
    /// <summary>Residual variance <c>s^2 = RSS / (n - rank)</c>.</summary>
    public double Sigma2 { get; init; } = double.NaN;

    /// <summary>
    /// Covariance of the estimates <c>s^2 (X'X)^-1</c>, <c>k x k</c> row-major (NaN rows and columns for dropped
    /// columns); null unless asked for (<c>covariance: true</c>).
    /// </summary>
    public double[]? Covariance { get; init; }
}

/// <summary>
/// Ordinary least squares as R's <c>lm.fit</c>: Householder QR with limited pivoting (LINPACK <c>dqrdc2</c>) and
/// the solution and residuals by <c>dqrsl</c>, in the same order of operations. A column whose norm, after the
/// earlier columns are removed, falls below <c>tolerance</c> (1e-7) times its original norm is linearly
/// dependent: it is moved to the end and gets a NaN coefficient (R's <c>NA</c>).
/// </summary>
public static class LeastSquares
{
    /// <summary>
    /// Regresses <paramref name="y"/> (length n) on the columns of <paramref name="x"/> (<c>n x k</c>,
    /// column-major). Rows with a NaN in <paramref name="y"/> or <paramref name="x"/> are left out (R's <c>na.omit</c>).
    /// </summary>
    public static LeastSquaresFit Fit(ReadOnlySpan<double> y, ReadOnlySpan<double> x, int k, double tolerance = 1e-7, bool covariance = false)
    {
        var n0 = y.Length;
        if (x.Length != n0 * k) throw new ArgumentException($"{x.Length} regressor values for {n0} rows x {k} columns", nameof(x));
        var rows = new List<int>(n0);
        for (var t = 0; t < n0; t++)
        {
            var ok = !double.IsNaN(y[t]);
            for (var j = 0; ok && j < k; j++) ok = !double.IsNaN(x[t + j * n0]);
            if (ok) rows.Add(t);
        }
        var n = rows.Count;
        var a = new double[n * k];
        var qty = new double[n];
        for (var i = 0; i < n; i++)
        {
            qty[i] = y[rows[i]];
            for (var j = 0; j < k; j++) a[i + j * n] = x[rows[i] + j * n0];
        }
        var pivot = new int[k];
        for (var j = 0; j < k; j++) pivot[j] = j;
        var qraux = new double[k];
        var rank = Decompose(a, n, k, tolerance, qraux, pivot);

        // Q'y
        var ju = Math.Min(rank, n - 1);
        for (var j = 0; j < ju; j++) ApplyReflector(a, n, j, qraux[j], qty);
        // back-substitution, column oriented as dqrsl
        var b = new double[rank];
        Array.Copy(qty, b, rank);
        for (var j = rank - 1; j >= 0; j--)
        {
            b[j] /= a[j + j * n];
            var tt = -b[j];
            for (var i = 0; i < j; i++) b[i] += tt * a[i + j * n];
        }
        // residuals: Q (0, (Q'y)[rank..])
        var rsd = new double[n];
        for (var i = rank; i < n; i++) rsd[i] = qty[i];
        for (var j = ju - 1; j >= 0; j--) ApplyReflector(a, n, j, qraux[j], rsd);

        var rss = SumSquares(rsd);
        var s2 = n > rank ? rss / (n - rank) : double.NaN;
        // diag((R'R)^-1) = squared row norms of R^-1
        var rinv = new double[rank * rank];
        for (var j = 0; j < rank; j++)
        {
            rinv[j + j * rank] = 1.0 / a[j + j * n];
            for (var i = j - 1; i >= 0; i--)
            {
                var s = 0.0;
                for (var l = i + 1; l <= j; l++) s += a[i + l * n] * rinv[l + j * rank];
                rinv[i + j * rank] = -s / a[i + i * n];
            }
        }
        var coef = new double[k];
        var se = new double[k];
        Array.Fill(coef, double.NaN);
        Array.Fill(se, double.NaN);
        for (var i = 0; i < rank; i++)
        {
            var s = 0.0;
            for (var j = i; j < rank; j++) s += rinv[i + j * rank] * rinv[i + j * rank];
            coef[pivot[i]] = b[i];
            se[pivot[i]] = Math.Sqrt(s * s2);
        }
        double[]? cov = null;
        if (covariance)
        {
            // (R'R)^-1 = R^-1 R^-T, mapped back through the pivot
            cov = new double[k * k];
            Array.Fill(cov, double.NaN);
            for (var i = 0; i < rank; i++)
                for (var j = i; j < rank; j++)
                {
                    var s = 0.0;
                    for (var l = j; l < rank; l++) s += rinv[i + l * rank] * rinv[j + l * rank];
                    cov[pivot[i] * k + pivot[j]] = cov[pivot[j] * k + pivot[i]] = s * s2;
                }
        }
        return new LeastSquaresFit(coef, se, rsd, rank) { Sigma2 = s2, Covariance = cov };
    }

    /// <summary>LINPACK <c>dqrdc2</c>: Householder QR in place, dependent columns cycled to the end; returns the rank.</summary>
    private static int Decompose(double[] x, int n, int p, double tol, double[] qraux, int[] pivot)
    {
        var work1 = new double[p];
        var work2 = new double[p];
        for (var j = 0; j < p; j++)
        {
            qraux[j] = Norm2(x.AsSpan(j * n, n));
            work1[j] = qraux[j];
            work2[j] = qraux[j] == 0.0 ? 1.0 : qraux[j];
        }
        var lup = Math.Min(n, p);
        var k = p + 1; // 1-based as LINPACK
        for (var l = 0; l < lup; l++)
        {
            while (l + 1 < k && qraux[l] < work2[l] * tol)
            {
                // move column l to the end
                for (var i = 0; i < n; i++)
                {
                    var t = x[i + l * n];
                    for (var j = l + 1; j < p; j++) x[i + (j - 1) * n] = x[i + j * n];
                    x[i + (p - 1) * n] = t;
                }
                var pi = pivot[l];
                double q = qraux[l], w1 = work1[l], w2 = work2[l];
                for (var j = l + 1; j < p; j++)
                {
                    pivot[j - 1] = pivot[j];
                    qraux[j - 1] = qraux[j];
                    work1[j - 1] = work1[j];
                    work2[j - 1] = work2[j];
                }
                pivot[p - 1] = pi;
                qraux[p - 1] = q;
                work1[p - 1] = w1;
                work2[p - 1] = w2;
                k--;
            }
            if (l == n - 1) break;
            var col = x.AsSpan(l * n, n);
            var nrmxl = Norm2(col[l..]);
            if (nrmxl == 0.0) continue;
            if (col[l] != 0.0) nrmxl = Math.CopySign(nrmxl, col[l]);
            var scale = 1.0 / nrmxl;
            for (var i = l; i < n; i++) col[i] *= scale;
            col[l] = 1.0 + col[l];
            for (var j = l + 1; j < p; j++)
            {
                var cj = x.AsSpan(j * n, n);
                var dot = 0.0;
                for (var i = l; i < n; i++) dot += col[i] * cj[i];
                var t = -dot / col[l];
                for (var i = l; i < n; i++) cj[i] += t * col[i];
                if (qraux[j] == 0.0) continue;
                var ratio = Math.Abs(cj[l]) / qraux[j];
                var tt = Math.Max(1.0 - ratio * ratio, 0.0);
                if (Math.Abs(tt) < 1e-6)
                {
                    qraux[j] = Norm2(cj[(l + 1)..]);
                    work1[j] = qraux[j];
                }
                else
                {
                    qraux[j] *= Math.Sqrt(tt);
                }
            }
            qraux[l] = col[l];
            col[l] = -nrmxl;
        }
        return Math.Min(k - 1, n);
    }

    /// <summary>Applies reflector <paramref name="j"/> (stored below the diagonal, <c>qraux</c> on it) to <paramref name="v"/>.</summary>
    private static void ApplyReflector(double[] qr, int n, int j, double qraux, double[] v)
    {
        if (qraux == 0.0) return;
        var col = qr.AsSpan(j * n, n);
        var temp = col[j];
        col[j] = qraux;
        var dot = 0.0;
        for (var i = j; i < n; i++) dot += col[i] * v[i];
        var t = -dot / col[j];
        for (var i = j; i < n; i++) v[i] += t * col[i];
        col[j] = temp;
    }

    private static double Norm2(ReadOnlySpan<double> v)
    {
        var s = 0.0;
        foreach (var e in v) s += e * e;
        if (double.IsFinite(s) && s > 1e-280) return Math.Sqrt(s);
        var scale = 0.0;
        foreach (var e in v) scale = Math.Max(scale, Math.Abs(e));
        if (scale == 0 || !double.IsFinite(scale)) return scale;
        s = 0.0;
        foreach (var e in v) s += (e / scale) * (e / scale);
        return scale * Math.Sqrt(s);
    }

    /// <summary>Sum of the (rounded) squares accumulated in double-double, as R's <c>sum</c> accumulates in extended precision.</summary>
    private static double SumSquares(ReadOnlySpan<double> v)
    {
        double hi = 0, lo = 0;
        foreach (var e in v)
        {
            var sq = e * e;
            var s = hi + sq;
            var bp = s - hi;
            lo += (hi - (s - bp)) + (sq - bp);
            hi = s;
        }
        return hi + lo;
    }
}
