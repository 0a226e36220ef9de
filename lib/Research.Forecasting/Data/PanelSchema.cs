namespace Research.Forecasting.Data;

/// <summary>How the values of a covariate column are read.</summary>
public enum ColumnKind
{
    /// <summary>Decimal numbers.</summary>
    Number,
    /// <summary>
    /// True/false flags stored as 1/0: <c>TRUE</c>, <c>FALSE</c> in any letter case, <c>T</c>, <c>F</c>, <c>1</c>, <c>0</c>
    /// (Walmart's <c>IsHoliday</c>, R's and Excel's logical columns).
    /// </summary>
    Boolean,
    /// <summary>Text categories, stored as integer codes into sorted levels.</summary>
    Category,
}

/// <summary>A covariate column to read from a long-format file.</summary>
/// <param name="Name">Header name in the file.</param>
public sealed record ColumnSpec(string Name)
{
    /// <summary>How values are read (numbers by default).</summary>
    public ColumnKind Kind { get; init; }

    /// <summary>Read as text categories (stored as integer codes with levels) instead of numbers.</summary>
    public bool Categorical
    {
        get => Kind == ColumnKind.Category;
        init => Kind = value ? ColumnKind.Category : ColumnKind.Number;
    }

    /// <summary>Empty, <c>NA</c> or <c>NaN</c> become <c>NaN</c> instead of an error.</summary>
    public bool AllowMissing { get; init; }

    public static ColumnSpec Category(string name, bool allowMissing = false) => new(name) { Categorical = true, AllowMissing = allowMissing };

    public static ColumnSpec Optional(string name) => new(name) { AllowMissing = true };

    public static ColumnSpec Boolean(string name, bool allowMissing = false) => new(name) { Kind = ColumnKind.Boolean, AllowMissing = allowMissing };

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

    /// <summary>
    /// A lower bound every present target value must exceed (e.g. 0 before a log transform); a value at or below it
    /// stops the load with an error at its line and column that gives the bound's reason. Null: no bound.
    /// </summary>
    public TargetBound? TargetBound { get; init; }

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

/// <summary>Target values must be strictly greater than <paramref name="ExclusiveMinimum"/>.</summary>
/// <param name="ExclusiveMinimum">The bound.</param>
/// <param name="Reason">Why, for the error message (e.g. "the log transform needs values above 0").</param>
public sealed record TargetBound(double ExclusiveMinimum, string Reason);
