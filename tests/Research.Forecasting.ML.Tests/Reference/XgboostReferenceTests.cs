using System.Text.Json;
using Research.Forecasting.Data;
using Research.Forecasting.ML.Benchmarks;
using Research.Forecasting.ML.Learners;

namespace Research.Forecasting.ML.Tests.Reference;

/// <summary>
/// LightGBM against xgboost's validation RMSE on the same feature matrix and tree shape. Fixture:
/// <c>OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tests/reference/xgboost_gbm.py train.csv valid.csv --trees 100 --leaves 63
/// --depth 6 --repeats 1</c> with xgboost 1.7.4 (Debian python3-xgboost), on the CSVs <c>research bench gbm</c> exports
/// (<see cref="BoostingComparison.Matrices"/>). Speed is measured by the bench verb, not here.
/// </summary>
public sealed class XgboostReferenceTests
{
    private static JsonElement Fixture()
    {
        var path = Path.Combine(Path.GetDirectoryName(DataPaths.Root)!, "tests", "Research.Forecasting.ML.Tests", "Fixtures", "xgboost_oj_round1.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }

    [Theory]
    [InlineData(LightGbmEngine.Native)]
    [InlineData(LightGbmEngine.MlNet)]
    public void Validation_rmse_is_within_two_percent_of_xgboost_on_the_same_matrix(LightGbmEngine engine)
    {
        var fixture = Fixture();
        var (train, validation) = BoostingComparison.Matrices();
        // the script read exactly this matrix
        Assert.Equal(fixture.GetProperty("rows").GetInt32(), train.Rows);
        Assert.Equal(fixture.GetProperty("columns").GetInt32(), train.Width);
        Assert.Equal(fixture.GetProperty("valid_rows").GetInt32(), validation.Rows);
        Assert.Equal(fixture.GetProperty("label_sum").GetDouble(), BoostingComparison.LabelSum(train), 6);
        var shape = new TreeShape(Trees: 100, Leaves: 63, Depth: 6);
        var model = shape.Learner(engine).Train(train, null, new LearnerContext(42, 2));
        var rmse = BoostingComparison.Rmse(model.Predict(validation), validation.Labels);
        var reference = fixture.GetProperty("rmse").GetDouble();
        Assert.True(Math.Abs(rmse / reference - 1) < 0.02, $"LightGBM ({engine}) RMSE {rmse}, xgboost {reference}");
    }
}
