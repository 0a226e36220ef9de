namespace Research.Forecasting.Decisions.Lifecycle;

/// <summary>
/// One series' life cycle, period by period, each value computed from the sales up to and including that period only
/// (so that the stage at period t is a leakage-safe feature for a forecast made at t).
/// </summary>
/// <param name="Smoothed">Trailing mean of the observed sales over the last <see cref="LifecycleOptions.Window"/> periods (NaN when none is observed).</param>
/// <param name="Peak">Running peak of <paramref name="Smoothed"/> since the first sale.</param>
/// <param name="Level">Smoothed / Peak (NaN before the first sale).</param>
/// <param name="Growth">Smoothed_t / Smoothed_(t−L) − 1 with L = <see cref="LifecycleOptions.GrowthLag"/> (NaN when undefined).</param>
/// <param name="Stages">The stage per period; null before the first sale and where the window holds no observed period.</param>
/// <param name="LaunchObserved">Whether the data holds an observed period without a sale before the first sale (else the product was already selling when the data starts, and no period is an introduction).</param>
public sealed record LifecycleCurve(double[] Smoothed, double[] Peak, double[] Level, double[] Growth, LifecycleStage?[] Stages, bool LaunchObserved)
{
    /// <summary>Periods in the curve.</summary>
    public int Length => Stages.Length;
}
