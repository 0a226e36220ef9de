namespace Research.Forecasting.Charts;

/// <summary>
/// A histogram of raw values (Plotly <c>histogram</c>). The bins are fixed when the trace is built (see
/// <see cref="HistogramBins"/>) and written to Plotly as <c>xbins</c>, so the static and interactive charts agree.
/// Bins are closed on the left: <c>[Start + k Size, Start + (k + 1) Size)</c>.
/// </summary>
public sealed record HistogramTrace : Trace
{
    public required IReadOnlyList<double> Values { get; init; }

    public required HistogramBins Bins { get; init; }

    public HistogramNorm Norm { get; init; } = HistogramNorm.Count;

    /// <summary>Opacity of the bars, 0..1; null: 1, or 0.6 when histograms overlay.</summary>
    public double? Opacity { get; init; }

    /// <summary>The bins were chosen automatically (no width or start given), so they may be shared with other histograms of the panel.</summary>
    internal bool AutoBins { get; init; }

    /// <summary>The number of bins asked for, if any.</summary>
    internal int? RequestedBinCount { get; init; }

    internal override string PlotlyType => "histogram";

    internal override AxisKind XKind => AxisKind.Linear;

    internal override string KindName => "histogram";

    /// <summary>Bar heights per bin of <see cref="Bins"/>, after <see cref="Norm"/>.</summary>
    public double[] Heights() => Heights(Bins);

    /// <summary>Bar heights per bin of <paramref name="bins"/>, after <see cref="Norm"/>.</summary>
    public double[] Heights(HistogramBins bins)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var counts = bins.Count(Values);
        var total = counts.Sum();
        return Norm switch
        {
            HistogramNorm.Probability => counts.Select(c => total == 0 ? 0 : c / (double)total).ToArray(),
            HistogramNorm.ProbabilityDensity => counts.Select(c => total == 0 ? 0 : c / (double)total / bins.Size).ToArray(),
            _ => counts.Select(c => (double)c).ToArray(),
        };
    }
}
