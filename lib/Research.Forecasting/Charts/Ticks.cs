namespace Research.Forecasting.Charts;

/// <summary>Tick positions along an axis (numbers, or days since 1970-01-01 for dates) and their labels.</summary>
internal sealed record Ticks(IReadOnlyList<double> Values, IReadOnlyList<string> Labels)
{
    public static Ticks Empty { get; } = new([], []);

    public int Count => Values.Count;
}
