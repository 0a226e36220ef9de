namespace Research.Forecasting.Evaluation;

public static partial class Metrics
{
    /// <summary>
    /// Mean pinball (quantile) loss of a forecast of the <paramref name="quantile"/>-quantile <c>q</c>:
    /// <c>L_q = (1/n) Σ [ q · max(a_t − f_t, 0) + (1 − q) · max(f_t − a_t, 0) ]</c>, in the units of the series.
    /// At <c>q = 0.5</c> it is half the MAE. Reference: Koenker &amp; Bassett (1978), "Regression quantiles",
    /// Econometrica 46(1), 33–50; scikit-learn <c>mean_pinball_loss(y_true, y_pred, alpha=q)</c>.
    /// </summary>
    /// <param name="actual">Observed values.</param>
    /// <param name="forecast">Quantile forecasts, paired with <paramref name="actual"/> by position.</param>
    /// <param name="quantile">The quantile level <c>q</c>, strictly between 0 and 1.</param>
    /// <returns>The mean loss over the pairs where neither value is NaN; NaN when there are none.</returns>
    public static double Pinball(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast, double quantile)
    {
        CheckQuantile(quantile);
        CheckLengths(actual, forecast);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            if (!IsPair(actual[i], forecast[i])) continue;
            var e = actual[i] - forecast[i];
            sum += e >= 0 ? quantile * e : (quantile - 1) * e;
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }

    internal static void CheckQuantile(double quantile)
    {
        if (!(quantile > 0 && quantile < 1))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "the quantile must lie strictly between 0 and 1");
    }
}
