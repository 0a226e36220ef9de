namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>
/// Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren and Volinsky 2008, "Collaborative
/// filtering for implicit feedback datasets", ICDM). Preference <c>p_ui = [r_ui &gt; 0]</c>, confidence
/// <c>c_ui = 1 + alpha r_ui</c>; minimises
/// <c>L = sum_{u,i} c_ui (p_ui - x_u'y_i)^2 + lambda (sum_u |x_u|^2 + sum_i |y_i|^2)</c> over all pairs (zeros included)
/// by alternating <c>x_u = (Y'Y + Y'(C^u - I)Y + lambda I)^-1 Y'C^u p_u</c> and the same for items, with the
/// <c>Y'Y</c> trick making each solve cost <c>O(n_u f^2 + f^3)</c> (exact) or <c>O(n_u f + f^2)</c> per
/// conjugate-gradient step (Takács, Pilászy and Tikk 2011, "Applications of the conjugate gradient method for
/// implicit feedback collaborative filtering", RecSys). Initial factors are seeded normal draws, so a fit is
/// reproducible; every solve depends only on the other side's factors, so threads do not change the result.
/// </summary>
public static class ImplicitAls
{
    /// <summary>Fits the factors on <paramref name="train"/>.</summary>
    public static AlsModel Fit(InteractionMatrix train, AlsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        options ??= new AlsOptions();
        if (options.Factors < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Factors, "at least one factor");
        var f = options.Factors;
        var rng = new Random(options.Seed);
        var x = new double[train.Users.Count * f];
        var y = new double[train.Items.Count * f];
        for (var k = 0; k < x.Length; k++) x[k] = options.InitScale * Gaussian(rng);
        for (var k = 0; k < y.Length; k++) y[k] = options.InitScale * Gaussian(rng);
        var losses = new List<double>();
        for (var it = 0; it < options.Iterations; it++)
        {
            Sweep(x, y, train.RowStart, train.RowItems, train.RowValues, f, options);
            Sweep(y, x, train.ColStart, train.ColUsers, train.ColValues, f, options);
            losses.Add(Loss(train, x, y, f, options));
        }
        return new AlsModel(options, train, x, y, losses);
    }

    /// <summary>One half-sweep: solves every row of <paramref name="solve"/> given <paramref name="fixedSide"/>.</summary>
    internal static void Sweep(double[] solve, double[] fixedSide, int[] start, int[] index, double[] values, int f, AlsOptions options)
    {
        var gram = Gram(fixedSide, f);
        var rows = start.Length - 1;
        Parallel.For(0, rows, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism) },
            () => new Workspace(f),
            (u, _, ws) =>
            {
                var cols = index.AsSpan(start[u], start[u + 1] - start[u]);
                var vals = values.AsSpan(start[u], start[u + 1] - start[u]);
                var xu = solve.AsSpan(u * f, f);
                if (options.Solver == AlsSolver.Exact) SolveExact(gram, fixedSide, cols, vals, f, options, xu, ws);
                else SolveCg(gram, fixedSide, cols, vals, f, options, xu, ws);
                return ws;
            }, _ => { });
    }

    /// <summary>
    /// Exact step: <c>A = Y'Y + lambda I + sum_{i in I_u} (c_ui - 1) y_i y_i'</c>, <c>b = sum_{i in I_u} c_ui y_i</c>,
    /// <c>x = A^-1 b</c> by Cholesky.
    /// </summary>
    internal static void SolveExact(double[] gram, double[] y, ReadOnlySpan<int> cols, ReadOnlySpan<double> vals, int f, AlsOptions o, Span<double> x, Workspace ws)
    {
        var a = ws.A;
        var b = ws.B;
        Array.Copy(gram, a, f * f);
        for (var d = 0; d < f; d++) a[d * f + d] += o.Regularization;
        Array.Clear(b);
        for (var n = 0; n < cols.Length; n++)
        {
            var c = 1 + o.Alpha * vals[n];
            var yi = y.AsSpan(cols[n] * f, f);
            for (var p = 0; p < f; p++)
            {
                b[p] += c * yi[p];
                var w = (c - 1) * yi[p];
                for (var q = 0; q <= p; q++) a[p * f + q] += w * yi[q];
            }
        }
        // Cholesky A = L L' in the lower triangle, then forward and back substitution
        for (var j = 0; j < f; j++)
        {
            var s = a[j * f + j];
            for (var k = 0; k < j; k++) s -= a[j * f + k] * a[j * f + k];
            var ljj = Math.Sqrt(s);
            a[j * f + j] = ljj;
            for (var i = j + 1; i < f; i++)
            {
                var t = a[i * f + j];
                for (var k = 0; k < j; k++) t -= a[i * f + k] * a[j * f + k];
                a[i * f + j] = t / ljj;
            }
        }
        for (var i = 0; i < f; i++)
        {
            var t = b[i];
            for (var k = 0; k < i; k++) t -= a[i * f + k] * b[k];
            b[i] = t / a[i * f + i];
        }
        for (var i = f - 1; i >= 0; i--)
        {
            var t = b[i];
            for (var k = i + 1; k < f; k++) t -= a[k * f + i] * b[k];
            b[i] = t / a[i * f + i];
        }
        b.AsSpan(0, f).CopyTo(x);
    }

    /// <summary>
    /// Conjugate-gradient step: <see cref="AlsOptions.CgSteps"/> iterations on <c>A x = b</c> from the current
    /// <c>x</c>, with <c>A v = Y'Y v + lambda v + sum_{i in I_u} (c_ui - 1)(y_i'v) y_i</c> (never forming A).
    /// </summary>
    internal static void SolveCg(double[] gram, double[] y, ReadOnlySpan<int> cols, ReadOnlySpan<double> vals, int f, AlsOptions o, Span<double> x, Workspace ws)
        => SolveCg(gram, y, cols, vals, f, o, x, ws, o.CgSteps);

    internal static void SolveCg(double[] gram, double[] y, ReadOnlySpan<int> cols, ReadOnlySpan<double> vals, int f, AlsOptions o, Span<double> x, Workspace ws, int steps)
    {
        var r = ws.R;
        var p = ws.P;
        var ap = ws.Ap;
        // r = b - A x
        Multiply(gram, y, cols, vals, f, o, x, r);
        for (var d = 0; d < f; d++) r[d] = -r[d];
        for (var n = 0; n < cols.Length; n++)
        {
            var c = 1 + o.Alpha * vals[n];
            var yi = y.AsSpan(cols[n] * f, f);
            for (var d = 0; d < f; d++) r[d] += c * yi[d];
        }
        r.AsSpan(0, f).CopyTo(p);
        var rsold = Dot(r.AsSpan(0, f), r.AsSpan(0, f));
        for (var it = 0; it < steps; it++)
        {
            if (rsold < 1e-20) break;
            Multiply(gram, y, cols, vals, f, o, p.AsSpan(0, f), ap);
            var alpha = rsold / Dot(p.AsSpan(0, f), ap.AsSpan(0, f));
            for (var d = 0; d < f; d++)
            {
                x[d] += alpha * p[d];
                r[d] -= alpha * ap[d];
            }
            var rsnew = Dot(r.AsSpan(0, f), r.AsSpan(0, f));
            for (var d = 0; d < f; d++) p[d] = r[d] + rsnew / rsold * p[d];
            rsold = rsnew;
        }
    }

    private static void Multiply(double[] gram, double[] y, ReadOnlySpan<int> cols, ReadOnlySpan<double> vals, int f, AlsOptions o, ReadOnlySpan<double> v, double[] result)
    {
        for (var p = 0; p < f; p++) result[p] = o.Regularization * v[p] + Dot(gram.AsSpan(p * f, f), v);
        for (var n = 0; n < cols.Length; n++)
        {
            var yi = y.AsSpan(cols[n] * f, f);
            var w = o.Alpha * vals[n] * Dot(yi, v);
            for (var p = 0; p < f; p++) result[p] += w * yi[p];
        }
    }

    /// <summary>
    /// The objective <c>L</c> computed without visiting the zeros:
    /// <c>sum_u x_u'(Y'Y)x_u + sum_{r_ui &gt; 0} [c_ui (1 - s)^2 - s^2] + lambda (|X|^2 + |Y|^2)</c>, <c>s = x_u'y_i</c>.
    /// </summary>
    public static double Loss(InteractionMatrix train, double[] x, double[] y, int f, AlsOptions options)
    {
        var gram = Gram(y, f);
        var loss = 0.0;
        var tmp = new double[f];
        for (var u = 0; u < train.Users.Count; u++)
        {
            var xu = x.AsSpan(u * f, f);
            for (var p = 0; p < f; p++) tmp[p] = Dot(gram.AsSpan(p * f, f), xu);
            loss += Dot(tmp, xu);
            var items = train.ItemsOf(u);
            var vals = train.ValuesOf(u);
            for (var n = 0; n < items.Length; n++)
            {
                var s = Dot(xu, y.AsSpan(items[n] * f, f));
                var c = 1 + options.Alpha * vals[n];
                loss += c * (1 - s) * (1 - s) - s * s;
            }
        }
        return loss + options.Regularization * (Dot(x, x) + Dot(y, y));
    }

    /// <summary><c>Y'Y</c> (f x f, row-major) of a row-major factor matrix.</summary>
    internal static double[] Gram(double[] y, int f)
    {
        var g = new double[f * f];
        var rows = y.Length / f;
        for (var i = 0; i < rows; i++)
        {
            var yi = y.AsSpan(i * f, f);
            for (var p = 0; p < f; p++)
            {
                var v = yi[p];
                if (v == 0) continue;
                for (var q = 0; q < f; q++) g[p * f + q] += v * yi[q];
            }
        }
        return g;
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double Gaussian(Random rng)
    {
        // Box-Muller, one draw per call (the other is discarded, keeping the sequence simple to reproduce)
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    internal sealed class Workspace(int f)
    {
        public double[] A { get; } = new double[f * f];
        public double[] B { get; } = new double[f];
        public double[] R { get; } = new double[f];
        public double[] P { get; } = new double[f];
        public double[] Ap { get; } = new double[f];
    }
}
