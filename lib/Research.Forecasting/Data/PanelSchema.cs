namespace Research.Forecasting.Data;

/// <summary>A covariate column to read from a long-format file.</summary>
/// <param name="Name">Header name in the file.</param>
public sealed record ColumnSpec(string Name)
{
    /// <summary>Read as text categories (stored as integer codes with levels) instead of numbers.</summary>
    public bool Categorical { get; init; }

    /// <summary>Empty, <c>NA</c> or <c>NaN</c> become <c>NaN</c> instead of an error.</summary>
    public bool AllowMissing { get; init; }

    public static ColumnSpec Category(string name, bool allowMissing = false) => new(name) { Categorical = true, AllowMissing = allowMissing };

    public static ColumnSpec Optional(string name) => new(name) { AllowMissing = true };

    public static implicit operator ColumnSpec(string name) => new(name);
}

/// <summary>
/// How to read a long-format file (one row per series and time) into a <see cref="SeriesPanel"/>.
/// </summary>
public sealed record PanelSchema
{
    /// <summary>Columns whose values together identify a series.</summary>
    public required IReadOnlyList<string> Ids { get; init; }

    /// <summary>The time column: ISO dates for calendar frequencies, integers for <see cref="Frequency.Periods"/>.</summary>
    public required string Time { get; init; }

    public required Frequency Frequency { get; init; }

    /// <summary>The numeric target column.</summary>
    public required string Target { get; init; }

    /// <summary>Covariates that vary with time (one value per row).</summary>
    public IReadOnlyList<ColumnSpec> Dynamic { get; init; } = [];

    /// <summary>Covariates constant within a series; a value that varies within a series is an error.</summary>
    public IReadOnlyList<ColumnSpec> Static { get; init; } = [];

    /// <summary>Whether a missing target (empty, NA, NaN) is read as <c>NaN</c>; when false it is an error.</summary>
    public bool TargetAllowsMissing { get; init; } = true;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the schema property at fault.</summary>
    public void Validate()
    {
        if (Ids is null || Ids.Count == 0) throw new ArgumentException("the schema needs at least one id column", nameof(Ids));
        if (string.IsNullOrWhiteSpace(Time)) throw new ArgumentException("the schema needs a time column", nameof(Time));
        if (string.IsNullOrWhiteSpace(Target)) throw new ArgumentException("the schema needs a target column", nameof(Target));
        ArgumentNullException.ThrowIfNull(Frequency);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        void Use(string column, string role, string property)
        {
            if (string.IsNullOrWhiteSpace(column)) throw new ArgumentException($"an empty column name in {role}", property);
            if (!seen.TryAdd(column, role))
                throw new ArgumentException($"column '{column}' is used as {seen[column]} and again as {role}", property);
        }
        foreach (var id in Ids) Use(id, "an id", nameof(Ids));
        Use(Time, "the time", nameof(Time));
        Use(Target, "the target", nameof(Target));
        foreach (var c in Dynamic) Use(c.Name, "a dynamic covariate", nameof(Dynamic));
        foreach (var c in Static) Use(c.Name, "a static covariate", nameof(Static));
    }
}
