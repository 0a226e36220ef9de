using System.Globalization;
using System.Text;
using Research.Forecasting.IO;

namespace Research.Forecasting.Features;

/// <summary>
/// A dense feature matrix (single precision, row-major, NaN = missing) with its labels and, per row, the series, the
/// origin and the forecast period. What a global model trains and predicts on; exportable as CSV so reference
/// implementations (tests/reference) train on exactly the same numbers.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly float[] _values;
    private readonly float[] _labels;
    private readonly int[] _series;
    private readonly long[] _origin;
    private readonly long[] _time;

    internal FeatureMatrix(IReadOnlyList<FeatureColumn> columns, float[] values, float[] labels, int[] series, long[] origin, long[] time, string[] seriesIds)
    {
        Columns = columns;
        _values = values;
        _labels = labels;
        _series = series;
        _origin = origin;
        _time = time;
        SeriesIds = seriesIds;
    }

    public IReadOnlyList<FeatureColumn> Columns { get; }

    public int Rows => _labels.Length;

    public int Width => Columns.Count;

    /// <summary>All values, row-major (<c>Values[r * Width + j]</c>).</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Transformed targets (NaN for forecast rows).</summary>
    public ReadOnlySpan<float> Labels => _labels;

    /// <summary>Series index (in the panel the matrix was built from) of every row.</summary>
    public ReadOnlySpan<int> Series => _series;

    public ReadOnlySpan<long> Origin => _origin;

    public ReadOnlySpan<long> Time => _time;

    /// <summary>Ids of the panel's series, by index.</summary>
    public IReadOnlyList<string> SeriesIds { get; }

    public ReadOnlySpan<float> Row(int r) => _values.AsSpan(r * Width, Width);

    public float this[int row, int column] => _values[row * Width + column];

    /// <summary>Index of the named column; throws listing the columns when absent.</summary>
    public int ColumnIndex(string name)
    {
        for (var j = 0; j < Columns.Count; j++)
            if (string.Equals(Columns[j].Name, name, StringComparison.Ordinal)) return j;
        throw new ArgumentException($"no feature column '{name}'; the matrix has: {string.Join(", ", Columns.Select(c => c.Name))}", nameof(name));
    }

    /// <summary>One column as a copy.</summary>
    public float[] Column(int j)
    {
        var c = new float[Rows];
        for (var r = 0; r < c.Length; r++) c[r] = _values[r * Width + j];
        return c;
    }

    /// <summary>The rows of one series (by id) at one step (forecast period minus origin), in matrix order; throws for an unknown id.</summary>
    public int[] RowsOf(string seriesId, int step)
    {
        var s = SeriesIds.ToList().IndexOf(seriesId);
        if (s < 0) throw new ArgumentException($"no series '{seriesId}' in the matrix ({SeriesIds.Count} series)", nameof(seriesId));
        var rows = new List<int>();
        for (var r = 0; r < Rows; r++)
            if (_series[r] == s && _time[r] - _origin[r] == step) rows.Add(r);
        return [.. rows];
    }

    /// <summary>The named column's values at <paramref name="rows"/> (a series' rows for a chart, say).</summary>
    public double[] Column(string name, IReadOnlyList<int> rows)
    {
        var j = ColumnIndex(name);
        return [.. rows.Select(r => (double)_values[r * Width + j])];
    }

    /// <summary>The labels at <paramref name="rows"/> (on the transformed scale).</summary>
    public double[] LabelsAt(IReadOnlyList<int> rows) => [.. rows.Select(r => (double)_labels[r])];

    /// <summary>The rows for which <paramref name="keep"/> holds, in order (e.g. a time-ordered validation split).</summary>
    public FeatureMatrix Where(Func<int, bool> keep)
    {
        var idx = Enumerable.Range(0, Rows).Where(keep).ToArray();
        var values = new float[(long)idx.Length * Width];
        for (var k = 0; k < idx.Length; k++) Row(idx[k]).CopyTo(values.AsSpan(k * Width, Width));
        return new FeatureMatrix(Columns, values, [.. idx.Select(i => _labels[i])], [.. idx.Select(i => _series[i])],
            [.. idx.Select(i => _origin[i])], [.. idx.Select(i => _time[i])], [.. SeriesIds]);
    }

    /// <summary>The chosen columns, in the given order, of every row.</summary>
    public FeatureMatrix SelectColumns(IReadOnlyList<int> columns)
    {
        var width = columns.Count;
        var values = new float[(long)Rows * width];
        for (var r = 0; r < Rows; r++)
            for (var j = 0; j < width; j++) values[(long)r * width + j] = _values[(long)r * Width + columns[j]];
        return new FeatureMatrix([.. columns.Select(j => Columns[j])], values, (float[])_labels.Clone(), (int[])_series.Clone(), (long[])_origin.Clone(), (long[])_time.Clone(), [.. SeriesIds]);
    }

    /// <summary>
    /// Writes <c>label</c>, <c>series</c>, <c>origin</c>, <c>time</c> and every feature column as CSV (numbers in shortest
    /// round-trip single-precision form, NaN as an empty field), to a temporary file moved into place.
    /// </summary>
    public void WriteCsv(string path)
    {
        var sb = new StringBuilder();
        sb.Append("label,series,origin,time");
        foreach (var c in Columns) sb.Append(',').Append(c.Name);
        sb.Append('\n');
        for (var r = 0; r < Rows; r++)
        {
            sb.Append(F(_labels[r])).Append(',').Append(SeriesIds[_series[r]]).Append(',')
              .Append(_origin[r].ToString(CultureInfo.InvariantCulture)).Append(',').Append(_time[r].ToString(CultureInfo.InvariantCulture));
            foreach (var v in Row(r)) sb.Append(',').Append(F(v));
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string F(float v) => float.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);
}
