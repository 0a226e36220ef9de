using Research.Forecasting.Data;

namespace Research.Forecasting.Features;

/// <summary>
/// Dynamic covariates known in advance, as they are in the forecast period and the period before (any numeric column,
/// e.g. a planned price or an event flag; categorical columns as their codes). The generic family for data sets
/// without a dedicated price or promotion family.
/// </summary>
public sealed record CovariateFeatures : IFeatureFamily
{
    public IReadOnlyList<string> Columns { get; init; } = [];

    public string Name => "covariate";

    public IFittedFeatureFamily Fit(SeriesPanel train)
    {
        var indices = Columns.Select(train.DynamicIndex).ToArray();
        var columns = indices.SelectMany(i =>
        {
            var info = train.DynamicColumns[i];
            var categories = info.IsCategorical ? info.Levels!.Count : 0;
            return new FeatureColumn[] { new($"covariate.{info.Name}", Name, categories), new($"covariate.{info.Name}.previous", Name, categories) };
        }).ToArray();
        return new Fitted(columns, indices);
    }

    private sealed class Fitted(FeatureColumn[] columns, int[] indices) : IFittedFeatureFamily
    {
        public IReadOnlyList<FeatureColumn> Columns => columns;

        public void Write(in FeatureRow row, Span<double> values)
        {
            var t = row.TargetIndex;
            for (var k = 0; k < indices.Length; k++)
            {
                var x = row.Covariate(indices[k]);
                values[2 * k] = x[t];
                values[2 * k + 1] = t > 0 ? x[t - 1] : double.NaN;
            }
        }
    }
}
