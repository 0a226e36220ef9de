using System.Globalization;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// One model fitted during an <see cref="AutoArima"/> search with <see cref="AutoArimaOptions.Trace"/>, in the
/// order fitted (a line of forecast's <c>auto.arima(trace = TRUE)</c>).
/// </summary>
/// <param name="Index">0-based position in the search.</param>
/// <param name="Order">Non-seasonal (p, d, q).</param>
/// <param name="Seasonal">Seasonal (P, D, Q); all zero for a non-seasonal search.</param>
/// <param name="Period">Seasonal period m.</param>
/// <param name="Constant">Whether the model has a constant: a drift when d + D = 1, a mean when d + D = 0.</param>
/// <param name="Criterion">The search criterion (AICc by default); positive infinity when the fit failed, a root lay within 1.01 of the unit circle or the coefficient variance was invalid (forecast's <c>checkarima</c>).</param>
/// <param name="Approximate">Whether the criterion comes from the CSS approximation (long or highly seasonal series).</param>
public sealed record AutoArimaTrial(int Index, ArimaOrder Order, ArimaOrder Seasonal, int Period, bool Constant, double Criterion, bool Approximate)
{
    /// <summary>The model as forecast names it, e.g. <c>ARIMA(2,1,2) with drift</c>.</summary>
    public string Model
    {
        get
        {
            var s = $"ARIMA{Order}";
            if (Seasonal != ArimaOrder.None) s += $"{Seasonal}[{Period}]";
            if (Constant) s += Order.D + Seasonal.D == 0 ? " with non-zero mean" : " with drift";
            return s;
        }
    }

    public override string ToString() =>
        $"{Model}: {(double.IsPositiveInfinity(Criterion) ? "Inf" : Criterion.ToString("F4", CultureInfo.InvariantCulture))}";
}
