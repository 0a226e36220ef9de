using Microsoft.ML;
using Microsoft.ML.Data;
using Research.Forecasting.Features;

namespace Research.Forecasting.ML.Learners;

/// <summary>A trained ML.NET regression pipeline (featurizer and predictor) over feature matrices.</summary>
internal sealed class TreeModel(MLContext ml, MatrixData data, ITransformer featurizer, ITransformer predictor, IReadOnlyList<double> importance, int iterations) : IRegressionModel
{
    public IReadOnlyList<double> Importance => importance;

    public int Iterations => iterations;

    public float[] Predict(FeatureMatrix matrix)
    {
        var scored = predictor.Transform(featurizer.Transform(data.Load(ml, matrix)));
        var scores = scored.GetColumn<float>("Score").ToArray();
        if (scores.Length != matrix.Rows) throw new InvalidOperationException($"{scores.Length} predictions for {matrix.Rows} rows");
        return scores;
    }
}
