using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// The other series of the same group (orange juice: the other brands in the same store): the mean of their target at
/// the origin and over the last 4 known periods (store traffic), the series' own value at the origin minus that mean
/// (its standing in the store), and the mean of the named covariates of the others in the forecast period (how many
/// other brands are on deal or featured that week: known in advance like the series' own).
/// </summary>
public sealed record GroupFeatures : IGroupFeatureFamily
{
    /// <summary>Key column that defines the groups.</summary>
    public string Key { get; init; } = "store";

    /// <summary>Covariates averaged over the others in the forecast period.</summary>
    public IReadOnlyList<string> Covariates { get; init; } = [];

    public string Name => "group";

    public GroupRequest Group => new(Key, Covariates);

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        if (!train.KeyNames.Contains(Key)) throw new ArgumentException($"no key column '{Key}'; the keys are {string.Join(", ", train.KeyNames)}", nameof(Key));
        foreach (var c in Covariates) train.DynamicIndex(c);
        var columns = new List<FeatureColumn>
        {
            new($"group.{Key}.y_origin", Name), new($"group.{Key}.y_mean4", Name), new($"group.{Key}.own_minus_others", Name),
        };
        columns.AddRange(Covariates.Select(c => new FeatureColumn($"group.{Key}.{c}", Name)));
        return new Fitted(Group, [.. columns], Covariates.Count);
    }

    private sealed class Fitted(GroupRequest request, FeatureColumn[] columns, int covariates) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var others = row.Group(request, 0);
            var o = others.Length - 1;
            values[0] = others[o];
            double sum = 0;
            var n = 0;
            for (var k = Math.Max(0, o - 3); k <= o; k++)
                if (!double.IsNaN(others[k])) { sum += others[k]; n++; }
            values[1] = n > 0 ? sum / n : double.NaN;
            values[2] = row.Past[o] - others[o];
            for (var c = 0; c < covariates; c++) values[3 + c] = row.Group(request, c + 1)[row.TargetIndex];
        }
    }
}
