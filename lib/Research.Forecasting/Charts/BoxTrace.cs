namespace Research.Forecasting.Charts;

/// <summary>
/// Box plots of raw values (Plotly <c>box</c>): one box per distinct <see cref="Groups"/> label, or a single box
/// placed at the trace's name. Quartiles use Plotly's default <c>quartilemethod: "linear"</c> (see <see cref="BoxStats"/>).
/// </summary>
public sealed record BoxTrace : Trace
{
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>Group label of each value (same length as <see cref="Values"/>), or null for one box.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Draw values beyond the whiskers (1.5 IQR) as points.</summary>
    public bool ShowOutliers { get; init; } = true;

    internal override string PlotlyType => "box";

    internal override AxisKind XKind => AxisKind.Category;

    internal override string KindName => "box";

    /// <summary>Statistics per box, in order of first appearance of the group labels; NaN values are ignored.</summary>
    public IReadOnlyList<(string Group, BoxStats Stats)> Boxes(string name)
    {
        if (Groups is null) return [(name, BoxStats.Of(Values))];
        var order = new List<string>();
        var byGroup = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var i = 0; i < Values.Count; i++)
        {
            if (!byGroup.TryGetValue(Groups[i], out var list))
            {
                byGroup[Groups[i]] = list = [];
                order.Add(Groups[i]);
            }
            list.Add(Values[i]);
        }
        return order.Select(g => (g, BoxStats.Of(byGroup[g]))).ToArray();
    }
}
