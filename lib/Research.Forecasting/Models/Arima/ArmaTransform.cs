namespace Research.Forecasting.Models.Arima;

/// <summary>
/// Parameter maps of R's <c>arima</c> (Jones 1980; R's <c>partrans</c>, <c>ARIMA_Invtrans</c>,
/// <c>ARIMA_Gradtrans</c>, <c>ARIMA_transPars</c>): AR coefficients are optimised as <c>atanh</c> of partial
/// autocorrelations, which keeps them stationary; the Durbin-Levinson recursion maps back.
/// </summary>
internal static class ArmaTransform
{
    /// <summary>
    /// <c>tanh</c> then Durbin-Levinson: unconstrained values to the coefficients of a stationary AR polynomial.
    /// <c>raw</c> and <c>result</c> may not overlap.
    /// </summary>
    public static void Partrans(ReadOnlySpan<double> raw, Span<double> result)
    {
        var p = raw.Length;
        if (p > 100) throw new ArgumentException("can only transform 100 pars in arima0");
        Span<double> work = stackalloc double[p];
        for (var j = 0; j < p; j++) work[j] = result[j] = Math.Tanh(raw[j]);
        for (var j = 1; j < p; j++)
        {
            var a = result[j];
            for (var k = 0; k < j; k++) work[k] -= a * result[j - k - 1];
            for (var k = 0; k < j; k++) result[k] = work[k];
        }
    }

    /// <summary>Inverse of <see cref="Partrans"/>: the Durbin-Levinson recursion run backwards, then <c>atanh</c>.</summary>
    public static void InvPartrans(ReadOnlySpan<double> phi, Span<double> result)
    {
        var p = phi.Length;
        if (p > 100) throw new ArgumentException("can only transform 100 pars in arima0");
        Span<double> work = stackalloc double[p];
        for (var j = 0; j < p; j++) work[j] = result[j] = phi[j];
        for (var j = p - 1; j > 0; j--)
        {
            var a = result[j];
            for (var k = 0; k < j; k++) work[k] = (result[k] + a * result[j - k - 1]) / (1 - a * a);
            for (var k = 0; k < j; k++) result[k] = work[k];
        }
        for (var j = 0; j < p; j++) result[j] = Math.Atanh(result[j]);
    }

    /// <summary>Applies <see cref="Partrans"/> to the AR and seasonal AR blocks of <paramref name="par"/> (R's <c>ARIMA_undoPars</c>).</summary>
    public static void UndoPars(ReadOnlySpan<double> par, in ArmaOrders o, Span<double> result)
    {
        par.CopyTo(result);
        if (o.P > 0) Partrans(par[..o.P], result[..o.P]);
        var v = o.P + o.Q;
        if (o.SP > 0) Partrans(par.Slice(v, o.SP), result.Slice(v, o.SP));
    }

    /// <summary>Applies <see cref="InvPartrans"/> to the AR and seasonal AR blocks (R's <c>ARIMA_Invtrans</c>).</summary>
    public static void InvTrans(ReadOnlySpan<double> par, in ArmaOrders o, Span<double> result)
    {
        par.CopyTo(result);
        if (o.P > 0) InvPartrans(par[..o.P], result[..o.P]);
        var v = o.P + o.Q;
        if (o.SP > 0) InvPartrans(par.Slice(v, o.SP), result.Slice(v, o.SP));
    }

    /// <summary>
    /// The expanded polynomials of the multiplicative model (R's <c>ARIMA_transPars</c>):
    /// <c>phi(B) = (1 - sum ar_i B^i)(1 - sum sar_j B^(m j))</c> written as <c>1 - sum phi_k B^k</c>, and
    /// <c>theta(B) = (1 + sum ma_i B^i)(1 + sum sma_j B^(m j))</c>. With <paramref name="transform"/> the AR blocks
    /// of <paramref name="par"/> are first mapped by <see cref="Partrans"/>. <paramref name="phi"/> has length
    /// <c>p + m P</c>, <paramref name="theta"/> <c>q + m Q</c>.
    /// </summary>
    public static void ExpandPolynomials(ReadOnlySpan<double> par, in ArmaOrders o, bool transform, Span<double> phi, Span<double> theta)
    {
        int mp = o.P, mq = o.Q, msp = o.SP, msq = o.SQ, ns = o.Period;
        var narma = mp + mq + msp + msq;
        Span<double> transformed = stackalloc double[narma];
        scoped ReadOnlySpan<double> pr = par[..narma];
        if (transform)
        {
            par[..narma].CopyTo(transformed);
            if (mp > 0) Partrans(par[..mp], transformed[..mp]);
            if (msp > 0) Partrans(par.Slice(mp + mq, msp), transformed.Slice(mp + mq, msp));
            pr = transformed;
        }
        if (msp + msq > 0)
        {
            int p = mp + ns * msp, q = mq + ns * msq;
            for (var i = 0; i < mp; i++) phi[i] = pr[i];
            for (var i = 0; i < mq; i++) theta[i] = pr[i + mp];
            for (var i = mp; i < p; i++) phi[i] = 0.0;
            for (var i = mq; i < q; i++) theta[i] = 0.0;
            for (var j = 0; j < msp; j++)
            {
                var s = pr[j + mp + mq];
                phi[(j + 1) * ns - 1] += s;
                for (var i = 0; i < mp; i++) phi[(j + 1) * ns + i] -= pr[i] * s;
            }
            for (var j = 0; j < msq; j++)
            {
                var s = pr[j + mp + mq + msp];
                theta[(j + 1) * ns - 1] += s;
                for (var i = 0; i < mq; i++) theta[(j + 1) * ns + i] += pr[i + mp] * s;
            }
        }
        else
        {
            for (var i = 0; i < mp; i++) phi[i] = pr[i];
            for (var i = 0; i < mq; i++) theta[i] = pr[i + mp];
        }
    }

    /// <summary>
    /// Forward-difference Jacobian (step 1e-3) of the AR blocks' <see cref="Partrans"/>, identity elsewhere (R's
    /// <c>ARIMA_Gradtrans</c>); <paramref name="a"/> is <c>n x n</c> with <c>a[i * n + j] = d new_j / d raw_i</c>.
    /// </summary>
    public static void GradTrans(ReadOnlySpan<double> raw, in ArmaOrders o, Span<double> a)
    {
        const double eps = 1e-3;
        var n = raw.Length;
        a[..(n * n)].Clear();
        for (var i = 0; i < n; i++) a[i * n + i] = 1.0;
        Block(raw, 0, o.P, n, a);
        Block(raw, o.P + o.Q, o.SP, n, a);

        static void Block(ReadOnlySpan<double> raw, int v, int m, int n, Span<double> a)
        {
            if (m == 0) return;
            Span<double> w1 = stackalloc double[m], w2 = stackalloc double[m], w3 = stackalloc double[m];
            raw.Slice(v, m).CopyTo(w1);
            Partrans(w1, w2);
            for (var i = 0; i < m; i++)
            {
                w1[i] += eps;
                Partrans(w1, w3);
                for (var j = 0; j < m; j++) a[(i + v) * n + j + v] = (w3[j] - w2[j]) / eps;
                w1[i] -= eps;
            }
        }
    }
}
