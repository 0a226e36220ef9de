namespace Research.Forecasting.Statistics;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by the cyclic Jacobi method (Golub and Van Loan, Matrix
/// Computations, 4th ed., sec. 8.5): plane rotations annihilate the off-diagonal entries until they vanish to
/// machine precision. Suits the few-column cross-product matrices of regressions.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Eigenvalues (descending) and eigenvectors (the columns of <paramref name="vectors"/>, column-major
    /// <c>k x k</c>) of the symmetric <paramref name="a"/> (column-major <c>k x k</c>, only read).
    /// </summary>
    public static double[] Decompose(ReadOnlySpan<double> a, int k, Span<double> vectors)
    {
        var m = a[..(k * k)].ToArray();
        var v = new double[k * k];
        for (var i = 0; i < k; i++) v[i + i * k] = 1.0;
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            var diag = 0.0;
            for (var j = 0; j < k; j++)
            {
                diag += m[j + j * k] * m[j + j * k];
                for (var i = 0; i < j; i++) off += m[i + j * k] * m[i + j * k];
            }
            if (off <= 1e-30 * diag || off == 0.0) break;
            for (var p = 0; p < k - 1; p++)
                for (var q = p + 1; q < k; q++)
                {
                    var apq = m[p + q * k];
                    if (apq == 0.0) continue;
                    var app = m[p + p * k];
                    var aqq = m[q + q * k];
                    var theta = (aqq - app) / (2 * apq);
                    var t = Math.Sign(theta) == 0 ? 1.0 : Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var r = 0; r < k; r++)
                    {
                        // columns p, q of m
                        var mrp = m[r + p * k];
                        var mrq = m[r + q * k];
                        m[r + p * k] = c * mrp - s * mrq;
                        m[r + q * k] = s * mrp + c * mrq;
                    }
                    for (var r = 0; r < k; r++)
                    {
                        // rows p, q of m
                        var mpr = m[p + r * k];
                        var mqr = m[q + r * k];
                        m[p + r * k] = c * mpr - s * mqr;
                        m[q + r * k] = s * mpr + c * mqr;
                    }
                    for (var r = 0; r < k; r++)
                    {
                        var vrp = v[r + p * k];
                        var vrq = v[r + q * k];
                        v[r + p * k] = c * vrp - s * vrq;
                        v[r + q * k] = s * vrp + c * vrq;
                    }
                }
        }
        var values = new double[k];
        for (var i = 0; i < k; i++) values[i] = m[i + i * k];
        var order = Enumerable.Range(0, k).OrderByDescending(i => values[i]).ToArray();
        var sorted = new double[k];
        for (var c = 0; c < k; c++)
        {
            sorted[c] = values[order[c]];
            for (var r = 0; r < k; r++) vectors[r + c * k] = v[r + order[c] * k];
        }
        return sorted;
    }
}
