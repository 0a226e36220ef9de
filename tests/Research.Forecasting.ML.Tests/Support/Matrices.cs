using Research.Forecasting.Data;
using Research.Forecasting.Features;

namespace Research.Forecasting.ML.Tests.Support;

/// <summary>Feature matrices with chosen columns and labels, built through the library's own path.</summary>
internal static class Matrices
{
    /// <summary>A matrix whose columns are the given covariates at each period (via <see cref="CovariateFeatures"/>, the current values only) and labels <paramref name="y"/>.</summary>
    public static FeatureMatrix Of(double[][] columns, double[] y)
    {
        var n = y.Length;
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y", [.. columns.Select((_, j) => new ColumnInfo($"x{j}"))]);
        b.Add(["a"], [.. Enumerable.Range(1, n + 1).Select(t => (long)t)], [double.NaN, .. y], [.. columns.Select(c => (double[])[0.0, .. c])]);
        var panel = b.Build();
        var fitted = new FeatureOptions { Families = [new CovariateFeatures { Columns = [.. columns.Select((_, j) => $"x{j}")] }] }.Fit(panel);
        var m = fitted.Rows(panel, [.. Enumerable.Range(2, n).Select(t => new FeatureRequest(0, t - 1, t))], 1);
        // keep the current values of the covariates (drop step and the previous-period columns)
        var keep = m.Columns.Select((c, j) => (c, j)).Where(p => p.c.Name.StartsWith("covariate.", StringComparison.Ordinal) && !p.c.Name.EndsWith(".previous", StringComparison.Ordinal)).Select(p => p.j).ToArray();
        return m.SelectColumns(keep);
    }
}
