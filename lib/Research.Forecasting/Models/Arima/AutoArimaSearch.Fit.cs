namespace Research.Forecasting.Models.Arima;

/// <summary>One candidate model: forecast's <c>myarima</c> (fit, information criteria, root check).</summary>
internal sealed partial class AutoArimaSearch
{
    private Candidate Fit(int p, int q, int sp, int sq, bool constant, bool approximation, double offset, ArimaMethod? method = null)
    {
        method ??= _o.Method;
        var c = new Candidate { P = p, Q = q, SP = sp, SQ = sq, Constant = constant };
        var m = _m;
        var useSeason = sp + _sd + sq > 0 && m > 0;
        var orders = useSeason ? new ArmaOrders(p, q, sp, sq, m, _d, _sd) : new ArmaOrders(p, q, 0, 0, m, _d, 0);
        var diffs = _d + _sd;
        var meth = method ?? (approximation ? ArimaMethod.Css : ArimaMethod.CssMl);
        var drift = diffs == 1 && constant;
        ArimaFit fit;
        try
        {
            fit = _estimator.Estimate(Request(orders, drift, diffs == 1 ? true : constant, meth));
        }
        catch (Exception e) when (e is ArimaException or ArgumentException or ArithmeticException)
        {
            // R's myarima wraps arima() in try(): any error makes the model unusable
            c.Validated = true;
            return Traced(c, approximation);
        }
        c.Fit = fit;
        c.Drift = drift;
        var nstar = _serieslength - _d - _sd * m;
        var npar = fit.FreeCount + 1;
        var aic = meth == ArimaMethod.Css ? offset + nstar * Math.Log(fit.Sigma2) + 2 * npar : fit.Aic;
        if (!double.IsNaN(aic))
        {
            c.Bic = aic + npar * (Math.Log(nstar) - 2);
            c.Aicc = aic + 2.0 * npar * (npar + 1) / (nstar - npar - 1);
            c.Ic = _ic switch { InformationCriterion.Bic => c.Bic, InformationCriterion.Aic => aic, _ => c.Aicc };
        }
        else
        {
            c.Bic = c.Aicc = c.Ic = double.PositiveInfinity;
        }
        var ss = 0.0;
        foreach (var r in fit.Residuals)
            if (!double.IsNaN(r)) ss += r * r;
        c.Sigma2 = ss / (nstar - npar + 1);
        if (double.IsNaN(c.Ic)) c.Ic = double.PositiveInfinity;
        if (!RootsOk(fit, orders)) c.Ic = double.PositiveInfinity;
        return Traced(c, meth == ArimaMethod.Css && approximation);
    }

    /// <summary>
    /// With <see cref="AutoArimaOptions.Trace"/>, checks the model at once as forecast's <c>myarima</c> does (the search
    /// otherwise defers the coefficient-variance check until a model could win) and adds its line to the trace.
    /// </summary>
    private Candidate Traced(Candidate c, bool approximate)
    {
        if (!_o.Trace) return c;
        Validate(c);
        var seasonal = c.SP + _sd + c.SQ > 0 && _m > 1;
        _trace.Add(new AutoArimaTrial(_trace.Count, new ArimaOrder(c.P, _d, c.Q),
            seasonal ? new ArimaOrder(c.SP, _sd, c.SQ) : ArimaOrder.None, _m, c.Constant, c.Ic, approximate));
        return c;
    }

    /// <summary>forecast's unit-root check: every root of the AR and MA polynomials outside radius 1.01.</summary>
    private static bool RootsOk(ArimaFit fit, ArmaOrders o)
    {
        const double radius = 1.01;
        if (o.P + o.SP > 0 && !PolynomialOutside(fit.Phi, o, ar: true, radius)) return false;
        if (o.Q + o.SQ > 0 && !PolynomialOutside(fit.Theta, o, ar: false, radius)) return false;
        return true;
    }

    /// <summary>
    /// Roots of the expanded polynomial (coefficients below 1e-8 trimmed from the end, as forecast does) all outside
    /// <paramref name="radius"/>; the multiplicative seasonal polynomial is tested factor by factor (its roots are those
    /// of the regular factor and the m-th roots of the seasonal factor's).
    /// </summary>
    private static bool PolynomialOutside(double[] expanded, ArmaOrders o, bool ar, double radius)
    {
        var last = expanded.Length;
        while (last > 0 && !(Math.Abs(expanded[last - 1]) > 1e-8)) last--;
        if (last == 0) return true;
        var regular = ar ? o.P : o.Q;
        var seasonal = ar ? o.SP : o.SQ;
        if (seasonal == 0 || last <= regular)
        {
            var poly = expanded.AsSpan(0, last);
            return ar ? PolynomialRoots.ArOutside(poly, radius) : PolynomialRoots.MaOutside(poly, radius);
        }
        // recover the factors: regular coefficients are the first ones; seasonal at lags m, 2m, ...
        var m = o.Period;
        Span<double> reg = stackalloc double[regular];
        for (var i = 0; i < regular; i++) reg[i] = expanded[i];
        Span<double> sea = stackalloc double[seasonal];
        for (var j = 0; j < seasonal; j++) sea[j] = expanded[(j + 1) * m - 1];
        var seasonalRadius = Math.Pow(radius, m);
        return ar
            ? PolynomialRoots.ArOutside(reg, radius) && PolynomialRoots.ArOutside(sea, seasonalRadius)
            : PolynomialRoots.MaOutside(reg, radius) && PolynomialRoots.MaOutside(sea, seasonalRadius);
    }

    private ArimaRequest Request(ArmaOrders orders, bool drift, bool includeMean, ArimaMethod method)
    {
        var n = _x.Length;
        var cols = _k + (drift ? 1 : 0);
        double[] x;
        string[] names;
        if (drift)
        {
            x = new double[n * cols];
            for (var t = 0; t < n; t++) x[t] = t + 1;
            _xreg.CopyTo(x, n);
            names = ["drift", .. _names];
        }
        else
        {
            x = _xreg;
            names = _names;
        }
        return new ArimaRequest
        {
            Y = _x,
            Xreg = x,
            XregColumns = cols,
            XregNames = names,
            Orders = orders,
            IncludeMean = includeMean,
            Method = method,
            DeferHessian = true,
        };
    }

    /// <summary>The CSS criterion offset: <c>-2 logL - n log sigma^2</c> of ARIMA(0,d,0)(0,D,0) with the regressors and a mean.</summary>
    private double Offset()
    {
        var orders = _sd == 0 ? new ArmaOrders(0, 0, 0, 0, _m, _d, 0) : new ArmaOrders(0, 0, 0, 0, _m, _d, _sd);
        try
        {
            var req = Request(orders, false, true, ArimaMethod.CssMl) with { DeferHessian = false };
            var fit = _estimator.Estimate(req);
            return -2 * fit.LogLik - _serieslength * Math.Log(fit.Sigma2);
        }
        catch (ArimaException)
        {
            return 0.0;
        }
    }
}
