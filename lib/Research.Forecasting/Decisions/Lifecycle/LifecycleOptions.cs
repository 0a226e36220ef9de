namespace Research.Forecasting.Decisions.Lifecycle;

/// <summary>
/// Rules that give each period of a sales series a life-cycle stage from its smoothed curve, using only the sales up to
/// that period. With <c>s_t</c> the trailing mean of the observed sales over the last <see cref="Window"/> periods,
/// <c>P_t = max_{f ≤ u ≤ t} s_u</c> its running peak since the first sale f, <c>g_t = s_t / s_(t−L) − 1</c> the growth
/// over <see cref="GrowthLag"/> = L periods and <c>r_t = s_t / P_t</c> the level against the running peak, period t is
/// (first rule that holds):
/// <list type="number">
/// <item><b>introduction</b> when the launch is in the data (an observed period without a sale precedes the first sale) and
/// <c>t − f &lt; </c><see cref="IntroductionPeriods"/>;</item>
/// <item><b>growth</b> when <c>g_t ≥ </c><see cref="GrowthRate"/>;</item>
/// <item><b>decline</b> when <c>r_t &lt; </c><see cref="DeclineLevel"/>;</item>
/// <item><b>maturity</b> otherwise.</item>
/// </list>
/// Before the first sale, and where no period of the window is observed, there is no stage. Defaults (weekly data): an 8-week trailing mean, growth of at least 20% over
/// 4 weeks, decline below half the running peak, 8 weeks of introduction. A series whose data starts while it already
/// sells (every orange-juice series) has no introduction. A stage-based reading of growth and level against the peak
/// is the practical rule of thumb of Polli and Cook (1969, "Validity of the product life cycle", Journal of Business 42(4),
/// which classify by percentage change of smoothed sales); a Bass (1969) diffusion fit is the parametric alternative.
/// </summary>
public sealed record LifecycleOptions
{
    /// <summary>Periods in the trailing mean that smooths the sales (1 = no smoothing).</summary>
    public int Window { get; init; } = 8;

    /// <summary>Periods over which growth is measured.</summary>
    public int GrowthLag { get; init; } = 4;

    /// <summary>Growth over <see cref="GrowthLag"/> periods from which a period is growth (0.2 = +20%).</summary>
    public double GrowthRate { get; init; } = 0.2;

    /// <summary>Level against the running peak below which a period is decline (0.5 = under half the peak).</summary>
    public double DeclineLevel { get; init; } = 0.5;

    /// <summary>Periods from the first sale that are introduction when the launch is in the data.</summary>
    public int IntroductionPeriods { get; init; } = 8;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the property at fault.</summary>
    public void Validate()
    {
        if (Window < 1) throw new ArgumentException($"Window must be at least 1, got {Window}", nameof(Window));
        if (GrowthLag < 1) throw new ArgumentException($"GrowthLag must be at least 1, got {GrowthLag}", nameof(GrowthLag));
        if (!(GrowthRate > 0)) throw new ArgumentException($"GrowthRate must be positive, got {GrowthRate}", nameof(GrowthRate));
        if (!(DeclineLevel > 0 && DeclineLevel < 1)) throw new ArgumentException($"DeclineLevel must be in (0, 1), got {DeclineLevel}", nameof(DeclineLevel));
        if (IntroductionPeriods < 0) throw new ArgumentException($"IntroductionPeriods must be at least 0, got {IntroductionPeriods}", nameof(IntroductionPeriods));
    }

    /// <summary>
    /// The curve and stages of one series of sales in time order (NaN = not observed: skipped by the trailing mean, a
    /// zero is a period without sales). Value t depends on <c>sales[0..t]</c> only.
    /// </summary>
    public LifecycleCurve Classify(ReadOnlySpan<double> sales)
    {
        Validate();
        var n = sales.Length;
        var smoothed = new double[n];
        var peak = new double[n];
        var level = new double[n];
        var growth = new double[n];
        var stages = new LifecycleStage?[n];
        var first = -1;
        for (var t = 0; t < n && first < 0; t++) if (sales[t] > 0) first = t;
        var launch = false; // an observed period without a sale before the first sale (unobserved ones prove nothing)
        for (var t = 0; t < first && !launch; t++) launch = sales[t] == 0;
        var running = double.NaN;
        for (var t = 0; t < n; t++)
        {
            double sum = 0;
            var count = 0;
            for (var u = Math.Max(0, t - Window + 1); u <= t; u++)
                if (!double.IsNaN(sales[u])) { sum += sales[u]; count++; }
            smoothed[t] = count > 0 ? sum / count : double.NaN;
            if (first < 0 || t < first)
            {
                peak[t] = level[t] = growth[t] = double.NaN;
                continue;
            }
            if (!double.IsNaN(smoothed[t]) && !(smoothed[t] <= running)) running = smoothed[t];
            peak[t] = running;
            level[t] = running > 0 ? smoothed[t] / running : double.NaN;
            var back = t - GrowthLag;
            growth[t] = back >= first && smoothed[back] > 0 ? smoothed[t] / smoothed[back] - 1 : double.NaN;
            stages[t] = double.IsNaN(smoothed[t]) ? null
                : launch && t - first < IntroductionPeriods ? LifecycleStage.Introduction
                : growth[t] >= GrowthRate ? LifecycleStage.Growth
                : level[t] < DeclineLevel ? LifecycleStage.Decline
                : LifecycleStage.Maturity;
        }
        return new LifecycleCurve(smoothed, peak, level, growth, stages, launch);
    }
}
