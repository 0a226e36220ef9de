namespace Research.Forecasting.Statistics;

/// <summary>Seasonal, trend and remainder of an <see cref="Stl"/> decomposition.</summary>
public sealed record StlDecomposition(double[] Seasonal, double[] Trend, double[] Remainder);

/// <summary>
/// STL: Seasonal-Trend decomposition by Loess (Cleveland, Cleveland, McRae and Terpenning 1990), non-robust
/// version with R's defaults (<c>stats::stl</c>, the netlib Fortran): each inner pass smooths the cycle-subseries
/// with a loess of span <c>s.window</c> (extended one period at both ends), removes a low-pass filter (moving
/// averages of lengths m, m, 3 then a loess of span <c>l.window</c>), and smooths the deseasonalised series with
/// a loess of span <c>t.window</c>. Loess fits are computed every <c>jump</c> points and linearly interpolated.
/// </summary>
public static class Stl
{
    /// <summary>
    /// Decomposes <paramref name="y"/> (no missing values, length &gt; 2 periods) with seasonal span
    /// <paramref name="sWindow"/> and R's default degrees (seasonal 0, trend and low-pass 1), windows
    /// <c>t.window = nextodd(ceiling(1.5 m / (1 - 1.5 / s.window)))</c>, <c>l.window = nextodd(m)</c>, jumps
    /// <c>ceiling(window / 10)</c> and two inner iterations.
    /// </summary>
    public static StlDecomposition Decompose(ReadOnlySpan<double> y, int period, int sWindow, int? tWindow = null, int? lWindow = null,
        int sDegree = 0, int tDegree = 1, int? lDegree = null, int inner = 2)
    {
        var n = y.Length;
        if (period < 2 || n <= 2 * period) throw new ArgumentException("series is not periodic or has less than two periods");
        foreach (var v in y)
            if (!double.IsFinite(v)) throw new ArgumentException("STL needs a series without missing values", nameof(y));
        var tw = tWindow ?? NextOdd(Math.Ceiling(1.5 * period / (1 - 1.5 / sWindow)));
        var lw = lWindow ?? NextOdd(period);
        var ld = lDegree ?? tDegree;
        var sJump = (int)Math.Ceiling(sWindow / 10.0);
        var tJump = (int)Math.Ceiling(tw / 10.0);
        var lJump = (int)Math.Ceiling(lw / 10.0);

        // the three spans must be at least three and odd; period at least 2
        var ns = Odd(Math.Max(3, sWindow));
        var nt = Odd(Math.Max(3, tw));
        var nl = Odd(Math.Max(3, lw));
        var np = Math.Max(2, period);

        var season = new double[n];
        var trend = new double[n];
        var len = n + 2 * np;
        var w1 = new double[len];
        var w2 = new double[len];
        var w3 = new double[len];
        var w4 = new double[len];
        var w5 = new double[len];
        for (var it = 0; it < inner; it++)
        {
            for (var i = 0; i < n; i++) w1[i] = y[i] - trend[i];
            CycleSubseries(w1, n, np, ns, sDegree, sJump, w2, w3, w4, season);
            LowPass(w2, len, np, w3, w1);
            Loess(w3, n, nl, ld, lJump, w1, w5);
            for (var i = 0; i < n; i++) season[i] = w2[np + i] - w1[i];
            for (var i = 0; i < n; i++) w1[i] = y[i] - season[i];
            Loess(w1, n, nt, tDegree, tJump, trend, w3);
        }
        var remainder = new double[n];
        for (var i = 0; i < n; i++) remainder[i] = y[i] - season[i] - trend[i];
        return new StlDecomposition(season, trend, remainder);
    }

    /// <summary>R's <c>nextodd</c>: round, then add one if even.</summary>
    public static int NextOdd(double x)
    {
        var r = (int)Math.Round(x, MidpointRounding.ToEven);
        return r % 2 == 0 ? r + 1 : r;
    }

    private static int Odd(int x) => x % 2 == 0 ? x + 1 : x;

    /// <summary>Smooths each cycle-subseries and extends it by one value at both ends (<c>stlss</c>); output length n + 2 np.</summary>
    private static void CycleSubseries(double[] y, int n, int np, int ns, int isdeg, int nsjump, double[] season,
        double[] work1, double[] work2, double[] work4)
    {
        for (var j = 1; j <= np; j++)
        {
            var k = (n - j) / np + 1;
            for (var i = 1; i <= k; i++) work1[i - 1] = y[(i - 1) * np + j - 1];
            // work2[1..k] (0-based) receives the smooth; work2[0] and work2[k + 1] the extensions
            Loess(work1, k, ns, isdeg, nsjump, work2.AsSpan(1), work4);
            var nright = Math.Min(ns, k);
            if (!Estimate(work1, k, ns, isdeg, 0.0, out var first, 1, nright, work4)) first = work2[1];
            work2[0] = first;
            var nleft = Math.Max(1, k - ns + 1);
            if (!Estimate(work1, k, ns, isdeg, k + 1, out var last, nleft, k, work4)) last = work2[k];
            work2[k + 1] = last;
            for (var m = 1; m <= k + 2; m++) season[(m - 1) * np + j - 1] = work2[m - 1];
        }
    }

    /// <summary>Moving averages of lengths np, np and 3 (<c>stlfts</c>): n values from n + 2 np.</summary>
    private static void LowPass(double[] x, int n, int np, double[] trend, double[] work)
    {
        MovingAverage(x, n, np, trend);
        MovingAverage(trend, n - np + 1, np, work);
        MovingAverage(work, n - 2 * np + 2, 3, trend);
    }

    private static void MovingAverage(double[] x, int n, int len, double[] ave)
    {
        var newn = n - len + 1;
        double flen = len, v = 0;
        for (var i = 0; i < len; i++) v += x[i];
        ave[0] = v / flen;
        for (int j = 1, k = len - 1, m = -1; j < newn; j++)
        {
            k++;
            m++;
            v = v - x[m] + x[k];
            ave[j] = v / flen;
        }
    }

    /// <summary>Loess smooth of <paramref name="y"/>[0..n) evaluated every <paramref name="njump"/> points, interpolated between (<c>stless</c>).</summary>
    private static void Loess(ReadOnlySpan<double> y, int n, int len, int ideg, int njump, Span<double> ys, Span<double> res)
    {
        if (n < 2)
        {
            ys[0] = y[0];
            return;
        }
        var newnj = Math.Min(njump, n - 1);
        int nleft = 0, nright = 0;
        if (len >= n)
        {
            nleft = 1;
            nright = n;
            for (var i = 1; i <= n; i += newnj)
                ys[i - 1] = Estimate(y, n, len, ideg, i, out var v, nleft, nright, res) ? v : y[i - 1];
        }
        else if (newnj == 1)
        {
            var nsh = (len + 1) / 2;
            nleft = 1;
            nright = len;
            for (var i = 1; i <= n; i++)
            {
                if (i > nsh && nright != n)
                {
                    nleft++;
                    nright++;
                }
                ys[i - 1] = Estimate(y, n, len, ideg, i, out var v, nleft, nright, res) ? v : y[i - 1];
            }
        }
        else
        {
            var nsh = (len + 1) / 2;
            for (var i = 1; i <= n; i += newnj)
            {
                if (i < nsh)
                {
                    nleft = 1;
                    nright = len;
                }
                else if (i >= n - nsh + 1)
                {
                    nleft = n - len + 1;
                    nright = n;
                }
                else
                {
                    nleft = i - nsh + 1;
                    nright = len + i - nsh;
                }
                ys[i - 1] = Estimate(y, n, len, ideg, i, out var v, nleft, nright, res) ? v : y[i - 1];
            }
        }
        if (newnj != 1)
        {
            for (var i = 1; i <= n - newnj; i += newnj)
            {
                var delta = (ys[i + newnj - 1] - ys[i - 1]) / newnj;
                for (var j = i + 1; j <= i + newnj - 1; j++) ys[j - 1] = ys[i - 1] + delta * (j - i);
            }
            var k = (n - 1) / newnj * newnj + 1;
            if (k != n)
            {
                ys[n - 1] = Estimate(y, n, len, ideg, n, out var v, nleft, nright, res) ? v : y[n - 1];
                if (k != n - 1)
                {
                    var delta = (ys[n - 1] - ys[k - 1]) / (n - k);
                    for (var j = k + 1; j <= n - 1; j++) ys[j - 1] = ys[k - 1] + delta * (j - k);
                }
            }
        }
    }

    /// <summary>Local (degree 0 or 1) tricube-weighted fit at <paramref name="xs"/> from points nleft..nright (1-based; <c>stlest</c>).</summary>
    private static bool Estimate(ReadOnlySpan<double> y, int n, int len, int ideg, double xs, out double ys, int nleft, int nright, Span<double> w)
    {
        double range = n - 1.0;
        var h = Math.Max(xs - nleft, nright - xs);
        if (len > n) h += (len - n) / 2;
        var h9 = 0.999 * h;
        var h1 = 0.001 * h;
        var a = 0.0;
        for (var j = nleft; j <= nright; j++)
        {
            var r = Math.Abs(j - xs);
            if (r <= h9)
            {
                if (r <= h1)
                {
                    w[j - 1] = 1.0;
                }
                else
                {
                    var u = r / h;
                    var c3 = 1.0 - u * u * u;
                    w[j - 1] = c3 * c3 * c3;
                }
                a += w[j - 1];
            }
            else
            {
                w[j - 1] = 0.0;
            }
        }
        if (a <= 0.0)
        {
            ys = 0;
            return false;
        }
        for (var j = nleft; j <= nright; j++) w[j - 1] /= a;
        if (h > 0.0 && ideg > 0)
        {
            a = 0.0;
            for (var j = nleft; j <= nright; j++) a += w[j - 1] * j;
            var b = xs - a;
            var c = 0.0;
            for (var j = nleft; j <= nright; j++) c += w[j - 1] * (j - a) * (j - a);
            if (Math.Sqrt(c) > 0.001 * range)
            {
                b /= c;
                for (var j = nleft; j <= nright; j++) w[j - 1] *= b * (j - a) + 1.0;
            }
        }
        var s = 0.0;
        for (var j = nleft; j <= nright; j++) s += w[j - 1] * y[j - 1];
        ys = s;
        return true;
    }
}
