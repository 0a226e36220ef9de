using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// What a feature family may read for one row of the matrix: the row forecasts the target at period
/// <see cref="Time"/> from origin <see cref="Origin"/> (<see cref="Step"/> = Time − Origin periods ahead). The target
/// is visible through the origin only (<see cref="Past"/>), the dynamic covariates through the last period known in
/// advance at the origin (<see cref="Covariate"/>: origin + the model's forecast steps), and the series' statics and
/// key. Nothing later is reachable, so no family can leak the future; the leakage tests perturb it anyway.
/// Index 0 of every span is the series' first period (<see cref="FirstTime"/>).
/// </summary>
public readonly ref struct FeatureRow
{
    private readonly SeriesFrame _frame;
    private readonly int _origin;
    private readonly int _target;
    private readonly int _known;

    internal FeatureRow(SeriesFrame frame, int origin, int target, int known)
    {
        _frame = frame;
        _origin = origin;
        _target = target;
        _known = known;
    }

    /// <summary>The series (key and statics; its rows are not for reading: use <see cref="Past"/> and <see cref="Covariate"/>).</summary>
    public SeriesView Series => _frame.Series;

    public Frequency Frequency => _frame.Series.Panel.Frequency;

    /// <summary>Time ordinal of index 0 of the spans.</summary>
    public long FirstTime => _frame.FirstTime;

    /// <summary>Time ordinal of the forecast period.</summary>
    public long Time => _frame.FirstTime + _target;

    /// <summary>Time ordinal of the origin: the last period whose target is known.</summary>
    public long Origin => _frame.FirstTime + _origin;

    /// <summary>Periods from the origin to the forecast period (at least 1).</summary>
    public int Step => _target - _origin;

    /// <summary>Index of the forecast period in the spans (<see cref="Covariate"/> is readable there).</summary>
    public int TargetIndex => _target;

    /// <summary>Index of the origin: <c>Past[OriginIndex]</c> is the last known target value.</summary>
    public int OriginIndex => _origin;

    /// <summary>The target on the model's scale (after the target transform) from the first period through the origin; NaN = unobserved.</summary>
    public ReadOnlySpan<double> Past => _frame.Target.AsSpan(0, _origin + 1);

    /// <summary>
    /// The mean of the other series of the group: index 0 is the target (through the origin, like <see cref="Past"/>),
    /// index k the k-th covariate of the request (through the last period known in advance, like <see cref="Covariate"/>).
    /// NaN where no other series of the group has a value.
    /// </summary>
    public ReadOnlySpan<double> Group(GroupRequest request, int index) =>
        _frame.Groups[request][index].AsSpan(0, (index == 0 ? _origin : _known) + 1);

    /// <summary>Dynamic covariate <paramref name="column"/> (index in the training panel) from the first period through the last period known at the origin.</summary>
    public ReadOnlySpan<double> Covariate(int column) => _frame.Dynamic[column].AsSpan(0, _known + 1);
}
