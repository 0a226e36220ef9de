namespace Research.Forecasting.Charts;

/// <summary>One plot area of a figure: its traces, its own x and y axes and an optional title.</summary>
public sealed record Panel
{
    public static Panel Empty { get; } = new();

    public IReadOnlyList<Trace> Traces { get; init; } = [];

    /// <summary>Title above the panel (for panels of a grid).</summary>
    public string? Title { get; init; }

    public AxisOptions XAxis { get; init; } = AxisOptions.Default;

    public AxisOptions YAxis { get; init; } = AxisOptions.Default;

    /// <summary>Kind of the x axis: that of the traces (all traces of a panel must agree); linear when empty.</summary>
    public AxisKind XKind => Traces.Count == 0 ? AxisKind.Linear : Traces[0].XKind;

    /// <summary>Kind of the y axis: category for heatmaps, else linear.</summary>
    public AxisKind YKind => Traces.Count == 0 ? AxisKind.Linear : Traces[0].YKind;

    /// <summary>This panel with <paramref name="traces"/> added after its own.</summary>
    /// <exception cref="ArgumentException">A trace needs a different kind of axis than the panel's traces.</exception>
    public Panel WithTraces(IEnumerable<Trace> traces)
    {
        var all = Traces.Concat(traces).ToArray();
        for (var i = 1; i < all.Length; i++)
        {
            if (all[i].XKind != all[0].XKind)
                throw new ArgumentException($"a {all[i].KindName} with {Describe(all[i].XKind)} x values cannot share a panel with a {all[0].KindName} with {Describe(all[0].XKind)} x values");
            if (all[i].YKind != all[0].YKind)
                throw new ArgumentException($"a {all[i].KindName} cannot share a panel with a {all[0].KindName}");
        }
        return this with { Traces = all };
    }

    private static string Describe(AxisKind kind) => kind switch
    {
        AxisKind.Date => "date",
        AxisKind.Category => "category",
        _ => "numeric",
    };
}
