using Research.Forecasting.Statistics;

namespace Research.Forecasting.Models.Arima;

/// <summary>R's <c>arima</c> set-up: design matrix, rotation, starting values, scales.</summary>
internal sealed partial class ArimaEstimator
{
    private static ArimaProblem Prepare(ArimaRequest req, out ArimaMethod method, out bool transform, out int ncond)
    {
        var y = req.Y;
        var n = y.Length;
        var o = req.Orders;
        if (req.XregColumns > 0 && req.Xreg.Length != n * req.XregColumns)
            throw new ArgumentException($"lengths of 'x' and 'xreg' do not match: {req.Xreg.Length} values for {n} x {req.XregColumns}");
        var delta = DeltaPolynomial(o);
        var nd = o.D + o.SD;
        var intercept = req.IncludeMean && nd == 0;
        var k = req.XregColumns + (intercept ? 1 : 0);
        var x = new double[n * k];
        if (intercept) Array.Fill(x, 1.0, 0, n);
        if (req.XregColumns > 0) req.Xreg.AsSpan().CopyTo(x.AsSpan(intercept ? n : 0));

        method = req.Method;
        if (method == ArimaMethod.CssMl)
        {
            var anyNa = false;
            foreach (var v in y) anyNa |= double.IsNaN(v);
            foreach (var v in x) anyNa |= double.IsNaN(v);
            if (anyNa) method = ArimaMethod.Ml;
        }
        ncond = 0;
        if (method != ArimaMethod.Ml)
            ncond = o.D + o.SD * o.Period + o.P + o.Period * o.SP;

        var narma = o.Narma;
        var fixedCoef = req.Fixed ?? Enumerable.Repeat(double.NaN, narma + k).ToArray();
        if (fixedCoef.Length != narma + k) throw new ArgumentException("wrong length for 'fixed'");
        var free = Enumerable.Range(0, narma + k).Where(i => double.IsNaN(fixedCoef[i])).ToArray();
        transform = req.TransformPars;
        if (free.Length == 0) transform = false;
        if (transform)
        {
            for (var i = 0; i < o.P; i++) if (!double.IsNaN(fixedCoef[i])) transform = false;
            for (var i = 0; i < o.SP; i++) if (!double.IsNaN(fixedCoef[o.P + o.Q + i])) transform = false;
        }

        var parscale = Enumerable.Repeat(1.0, narma + k).ToArray();
        double[]? rotation = null;
        double[]? regInit = null;
        if (k > 0)
        {
            var origXreg = k == 1;
            for (var j = 0; j < k; j++) origXreg |= !double.IsNaN(fixedCoef[narma + j]);
            if (!origXreg)
            {
                rotation = RightSingularVectors(x, n, k);
                x = Multiply(x, n, k, rotation);
            }
            var reg = InitialRegression(y, x, n, k, o);
            regInit = reg.Coefficients;
            for (var j = 0; j < k; j++)
            {
                if (double.IsNaN(reg.Coefficients[j]) || !double.IsFinite(reg.StandardErrors[j]))
                    throw new ArimaException("the regressors are linearly dependent on the differenced scale");
                parscale[narma + j] = 10 * reg.StandardErrors[j];
            }
        }

        var differenced = new double[n];
        ArimaCss.Difference(y, o, differenced);
        var prob = new ArimaProblem
        {
            Y = y,
            X = x,
            K = k,
            Orders = o,
            Delta = delta,
            Differenced = differenced,
            Fixed = fixedCoef,
            Free = free,
            Parscale = [.. free.Select(i => parscale[i])],
            Rotation = rotation,
        };
        if (CountUsed(prob) <= 0) throw new ArimaException("too few non-missing observations");
        if (regInit is not null) prob.RegressionInit = regInit;
        return prob;
    }

    /// <summary>R's <c>init0</c>: zero ARMA coefficients, least-squares regression coefficients.</summary>
    private static double[] Init0(ArimaProblem prob)
    {
        var init = new double[prob.Narma + prob.K];
        if (prob.RegressionInit is { } r) r.CopyTo(init, prob.Narma);
        return init;
    }

    /// <summary>Coefficients of <c>(1 - B)^d (1 - B^m)^D</c> as <c>Delta</c> (R's <c>-Delta[-1]</c>).</summary>
    internal static double[] DeltaPolynomial(ArmaOrders o)
    {
        double[] poly = [1.0];
        for (var i = 0; i < o.D; i++) poly = Convolve(poly, [1.0, -1.0]);
        for (var i = 0; i < o.SD; i++)
        {
            var s = new double[o.Period + 1];
            s[0] = 1.0;
            s[o.Period] = -1.0;
            poly = Convolve(poly, s);
        }
        var delta = new double[poly.Length - 1];
        for (var i = 0; i < delta.Length; i++) delta[i] = -poly[i + 1];
        return delta;
    }

    private static double[] Convolve(double[] a, double[] b)
    {
        var ab = new double[a.Length + b.Length - 1];
        for (var i = 0; i < a.Length; i++)
            for (var j = 0; j < b.Length; j++) ab[i + j] += a[i] * b[j];
        return ab;
    }

    /// <summary>R's <c>diff(x, lag, differences)</c> on the columns of a column-major matrix.</summary>
    internal static double[] DiffColumns(double[] x, int n, int k, int lag, int differences, out int rows)
    {
        var cur = x;
        rows = n;
        for (var dd = 0; dd < differences; dd++)
        {
            var nr = rows - lag;
            if (nr <= 0)
            {
                rows = 0;
                return [];
            }
            var next = new double[nr * k];
            for (var j = 0; j < k; j++)
                for (var t = 0; t < nr; t++) next[t + j * nr] = cur[t + lag + j * rows] - cur[t + j * rows];
            cur = next;
            rows = nr;
        }
        return cur;
    }

    private static LeastSquaresFit InitialRegression(double[] y, double[] x, int n, int k, ArmaOrders o)
    {
        var dy = DiffColumns(y, n, 1, 1, o.D, out var ny);
        var dx = DiffColumns(x, n, k, 1, o.D, out _);
        if (o.Period > 1 && o.SD > 0)
        {
            dy = DiffColumns(dy, ny, 1, o.Period, o.SD, out var ny2);
            dx = DiffColumns(dx, ny, k, o.Period, o.SD, out _);
            ny = ny2;
        }
        LeastSquaresFit? fit = null;
        if (ny > k) fit = LeastSquares.Fit(dy.AsSpan(0, ny), dx.AsSpan(0, ny * k), k);
        if (fit is null || fit.Rank == 0) fit = LeastSquares.Fit(y, x, k);
        return fit;
    }

    /// <summary>
    /// Right singular vectors of the complete rows of <paramref name="x"/> (R's <c>svd(na.omit(xreg))$v</c>), as the
    /// eigenvectors of <c>X'X</c> in decreasing order (signs are arbitrary in both).
    /// </summary>
    private static double[] RightSingularVectors(double[] x, int n, int k)
    {
        var xtx = new double[k * k];
        for (var t = 0; t < n; t++)
        {
            var ok = true;
            for (var j = 0; ok && j < k; j++) ok = !double.IsNaN(x[t + j * n]);
            if (!ok) continue;
            for (var j = 0; j < k; j++)
            {
                var xj = x[t + j * n];
                for (var i = 0; i <= j; i++) xtx[i + j * k] += x[t + i * n] * xj;
            }
        }
        for (var j = 0; j < k; j++)
            for (var i = 0; i < j; i++) xtx[j + i * k] = xtx[i + j * k];
        var v = new double[k * k];
        SymmetricEigen.Decompose(xtx, k, v);
        return v;
    }

    private static double[] Multiply(double[] x, int n, int k, double[] v)
    {
        var res = new double[n * k];
        for (var j = 0; j < k; j++)
            for (var l = 0; l < k; l++)
            {
                var vl = v[l + j * k];
                for (var t = 0; t < n; t++) res[t + j * n] += x[t + l * n] * vl;
            }
        return res;
    }
}
