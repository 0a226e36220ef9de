using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Research.Forecasting.Features;

namespace Research.Forecasting.ML.Learners;

/// <summary>
/// A <see cref="FeatureMatrix"/> as an ML.NET <see cref="IDataView"/>: <c>Label</c>, the numeric columns as one
/// <c>Numeric</c> vector and the categorical columns as a <c>Categorical</c> vector of codes that
/// <see cref="Featurize"/> maps to keys (values seen in training; others missing) and one-hot encodes, so LightGBM and FastTree see them as categorical features (ML.NET passes
/// the one-hot slot ranges on as categorical columns).
/// </summary>
internal sealed class MatrixData
{
    private readonly int[] _numeric;
    private readonly int[] _categorical;

    public MatrixData(IReadOnlyList<FeatureColumn> columns, bool categorical)
    {
        Columns = columns;
        _numeric = [.. Enumerable.Range(0, columns.Count).Where(j => !categorical || !columns[j].IsCategorical)];
        _categorical = categorical ? [.. Enumerable.Range(0, columns.Count).Where(j => columns[j].IsCategorical)] : [];
    }

    public IReadOnlyList<FeatureColumn> Columns { get; }

    public bool HasCategorical => _categorical.Length > 0;

    private sealed class Row
    {
        public float Label { get; set; }

        public float[] Numeric { get; set; } = [];

        public float[] Categorical { get; set; } = [];
    }

    /// <summary>The matrix as a data view (labels NaN for forecast rows).</summary>
    public IDataView Load(MLContext ml, FeatureMatrix matrix)
    {
        if (matrix.Width != Columns.Count) throw new ArgumentException($"the matrix has {matrix.Width} columns, the model {Columns.Count}", nameof(matrix));
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Numeric)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _numeric.Length);
        schema[nameof(Row.Categorical)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Math.Max(1, _categorical.Length));
        var rows = new Row[matrix.Rows];
        for (var r = 0; r < rows.Length; r++)
        {
            var x = matrix.Row(r);
            var numeric = new float[_numeric.Length];
            for (var j = 0; j < numeric.Length; j++) numeric[j] = x[_numeric[j]];
            var cats = new float[Math.Max(1, _categorical.Length)];
            for (var j = 0; j < _categorical.Length; j++) cats[j] = x[_categorical[j]];
            rows[r] = new Row { Label = matrix.Labels[r], Numeric = numeric, Categorical = cats };
        }
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>The transforms that make the <c>Features</c> column: one-hot of the categorical keys, concatenated after the numbers.</summary>
    public IEstimator<ITransformer> Featurize(MLContext ml) =>
        HasCategorical
            ? ml.Transforms.Categorical.OneHotEncoding("CategoricalOneHot", nameof(Row.Categorical), OneHotEncodingEstimator.OutputKind.Indicator)
                .Append(ml.Transforms.Concatenate("Features", nameof(Row.Numeric), "CategoricalOneHot"))
            : ml.Transforms.Concatenate("Features", nameof(Row.Numeric));

    /// <summary>Maps importance of the <c>Features</c> slots back to the matrix columns (one-hot slots summed per column).</summary>
    public double[] ColumnImportance(ReadOnlySpan<float> slots)
    {
        var importance = new double[Columns.Count];
        for (var j = 0; j < _numeric.Length && j < slots.Length; j++) importance[_numeric[j]] += slots[j];
        if (_categorical.Length > 0)
        {
            // one-hot block of each categorical slot, in slot order, all of one width (the keys seen in training)
            var width = (slots.Length - _numeric.Length) / _categorical.Length;
            for (var c = 0; c < _categorical.Length; c++)
                for (var k = 0; k < width; k++) importance[_categorical[c]] += slots[_numeric.Length + c * width + k];
        }
        return importance;
    }
}
