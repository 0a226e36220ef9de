using MathNet.Numerics.Distributions;

namespace Research.Forecasting.Diagnostics;

/// <summary>Result of a portmanteau test: statistic Q, degrees of freedom and p-value.</summary>
public sealed record PortmanteauResult(double Statistic, int Lags, int DegreesOfFreedom, double PValue);

/// <summary>
/// Ljung-Box test of no autocorrelation up to lag h, as R's <c>Box.test(x, lag = h, type = "Ljung-Box", fitdf)</c>:
/// Q = n(n + 2) Σ_{k=1}^{h} r_k² / (n − k), compared with χ² on h − fitdf degrees of freedom (fitdf = p + q for
/// the residuals of an ARMA(p, q)). Reference: Ljung &amp; Box (1978), Biometrika 65(2), 297-303.
/// </summary>
public static class LjungBox
{
    public static PortmanteauResult Test(ReadOnlySpan<double> residuals, int lags, int fitdf = 0)
    {
        if (lags < 1) throw new ArgumentOutOfRangeException(nameof(lags), lags, "at least 1");
        if (fitdf < 0 || fitdf >= lags) throw new ArgumentOutOfRangeException(nameof(fitdf), fitdf, $"fitdf must be in [0, {lags - 1}]");
        var n = 0;
        foreach (var v in residuals) if (!double.IsNaN(v)) n++;
        var r = Autocorrelation.Acf(residuals, lags);
        var q = 0.0;
        for (var k = 1; k <= lags; k++) q += r[k] * r[k] / (n - k);
        q *= n * (n + 2.0);
        var df = lags - fitdf;
        return new PortmanteauResult(q, lags, df, 1 - ChiSquared.CDF(df, q));
    }
}
