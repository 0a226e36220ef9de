namespace Research.Forecasting.Data;

/// <summary>
/// A covariate column: numeric values, or a categorical column whose values are integer codes
/// into <see cref="Levels"/> (stored as doubles; <c>NaN</c> marks a missing value either way).
/// </summary>
public sealed record ColumnInfo
{
    public ColumnInfo(string name, IReadOnlyList<string>? levels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Levels = levels;
    }

    public string Name { get; }

    /// <summary>Category labels by code, or null for a numeric column.</summary>
    public IReadOnlyList<string>? Levels { get; }

    public bool IsCategorical => Levels is not null;

    /// <summary>The label of a stored value: the level for a categorical code, the number otherwise, "" when missing.</summary>
    public string Label(double value) =>
        double.IsNaN(value) ? "" :
        Levels is null ? value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : Levels[(int)value];

    /// <summary>The code of a level, or -1.</summary>
    public int Code(string level)
    {
        if (Levels is null) throw new InvalidOperationException($"column '{Name}' is numeric, not categorical");
        for (var i = 0; i < Levels.Count; i++)
            if (string.Equals(Levels[i], level, StringComparison.Ordinal)) return i;
        return -1;
    }
}
