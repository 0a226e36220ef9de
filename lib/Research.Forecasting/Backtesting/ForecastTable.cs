using System.Globalization;
using System.IO.Compression;
using System.Text;
using Research.Forecasting.Data;
using Research.Forecasting.IO;

namespace Research.Forecasting.Backtesting;

/// <summary>One row of a <see cref="ForecastTable"/>, for display.</summary>
public sealed record ForecastRow(string Series, int Round, string Cutoff, string Time, double Actual, IReadOnlyDictionary<string, double> Forecasts);

/// <summary>
/// The long table every backtest produces and every metric is computed from: one row per (series, round,
/// forecast period) with the cutoff, the actual value (NaN where the period was not observed), one forecast
/// column per model, the bounds of every requested prediction interval per model (NaN where a model gives none),
/// and the MASE scale of the row's series at its cutoff. Immutable; columns are exposed as spans.
/// </summary>
public sealed class ForecastTable
{
    private readonly string[] _series;
    private readonly int[] _round;
    private readonly long[] _cutoff;
    private readonly long[] _time;
    private readonly double[] _actual;
    private readonly double[][] _forecasts;
    private readonly double[] _scale;
    private readonly double[][][] _lower; // [model][level][row]
    private readonly double[][][] _upper;

    internal ForecastTable(Frequency frequency, string[] models, string[] series, int[] round, long[] cutoff, long[] time, double[] actual, double[][] forecasts)
        : this(frequency, models, series, round, cutoff, time, actual, forecasts, Nan(series.Length), [],
            [.. models.Select(_ => Array.Empty<double[]>())], [.. models.Select(_ => Array.Empty<double[]>())])
    {
    }

    internal ForecastTable(
        Frequency frequency, string[] models, string[] series, int[] round, long[] cutoff, long[] time, double[] actual, double[][] forecasts,
        double[] scale, double[] levels, double[][][] lower, double[][][] upper)
    {
        Frequency = frequency;
        Models = models;
        Levels = levels;
        _series = series;
        _round = round;
        _cutoff = cutoff;
        _time = time;
        _actual = actual;
        _forecasts = forecasts;
        _scale = scale;
        _lower = lower;
        _upper = upper;
    }

    public Frequency Frequency { get; }

    public IReadOnlyList<string> Models { get; }

    /// <summary>Levels (percent) of the prediction intervals the table holds, e.g. 80 and 95; empty when none were asked for.</summary>
    public IReadOnlyList<double> Levels { get; }

    public int Count => _series.Length;

    public ReadOnlySpan<double> Actual => _actual;

    public ReadOnlySpan<int> Round => _round;

    public ReadOnlySpan<long> Time => _time;

    public ReadOnlySpan<long> Cutoff => _cutoff;

    /// <summary>
    /// Per row, the MASE scale of its series at its cutoff: the in-sample mean absolute error of the seasonal naive
    /// forecast over the training data (<see cref="Evaluation.Metrics.MaseScale"/>, season length
    /// <see cref="BacktestOptions.SeasonLength"/>); NaN when the training data is too short.
    /// </summary>
    public ReadOnlySpan<double> Scale => _scale;

    public string Series(int row) => _series[row];

    /// <summary>The forecast column of a model.</summary>
    public ReadOnlySpan<double> Forecast(string model) => _forecasts[ModelIndex(model)];

    /// <summary>Lower bound of a model's central prediction interval at <paramref name="level"/> percent (NaN where the model gives none).</summary>
    public ReadOnlySpan<double> Lower(string model, double level) => _lower[ModelIndex(model)][LevelIndex(level)];

    /// <summary>Upper bound of a model's central prediction interval at <paramref name="level"/> percent.</summary>
    public ReadOnlySpan<double> Upper(string model, double level) => _upper[ModelIndex(model)][LevelIndex(level)];

    /// <summary>
    /// This table with one more model column, <paramref name="forecast"/> (row for row; e.g. an ensemble of the others);
    /// the new model has no prediction intervals (NaN bounds at every level).
    /// </summary>
    public ForecastTable WithModel(string name, double[] forecast)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(forecast);
        if (forecast.Length != Count) throw new ArgumentException($"{forecast.Length} forecasts for a table of {Count} rows", nameof(forecast));
        if (Models.Contains(name, StringComparer.Ordinal)) throw new ArgumentException($"the table already has a model '{name}'", nameof(name));
        return new ForecastTable(Frequency, [.. Models, name], _series, _round, _cutoff, _time, _actual, [.. _forecasts, forecast], _scale, [.. Levels],
            [.. _lower, [.. Levels.Select(_ => Nan(Count))]], [.. _upper, [.. Levels.Select(_ => Nan(Count))]]);
    }

    /// <summary>
    /// The models of both tables side by side: the two must hold the same rows (series, round, cutoff, time and actual, in
    /// the same order, as two backtests of the same protocol on the same panel do) and the same interval levels, and no
    /// model name twice.
    /// </summary>
    public ForecastTable Join(ForecastTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count != Count || !other.Levels.SequenceEqual(Levels))
            throw new ArgumentException($"tables of {Count} and {other.Count} rows (levels {string.Join(",", Levels)} and {string.Join(",", other.Levels)}) cannot be joined", nameof(other));
        for (var i = 0; i < Count; i++)
            if (_series[i] != other._series[i] || _round[i] != other._round[i] || _cutoff[i] != other._cutoff[i] || _time[i] != other._time[i]
                || !_actual[i].Equals(other._actual[i]))
                throw new ArgumentException($"row {i + 1} differs: {_series[i]} {Frequency.Format(_time[i])} against {other._series[i]} {Frequency.Format(other._time[i])}", nameof(other));
        if (other.Models.Intersect(Models, StringComparer.Ordinal).FirstOrDefault() is { } twice)
            throw new ArgumentException($"both tables have a model '{twice}'", nameof(other));
        return new ForecastTable(Frequency, [.. Models, .. other.Models], _series, _round, _cutoff, _time, _actual, [.. _forecasts, .. other._forecasts],
            _scale, [.. Levels], [.. _lower, .. other._lower], [.. _upper, .. other._upper]);
    }

    /// <summary>These rows with a single model: <paramref name="forecast"/> and its interval bounds (one array per level of this table).</summary>
    internal ForecastTable Project(string model, double[] forecast, double[][] lower, double[][] upper)
    {
        if (forecast.Length != Count || lower.Length != Levels.Count || upper.Length != Levels.Count)
            throw new ArgumentException($"a column of {forecast.Length} rows and {lower.Length} levels for a table of {Count} rows and {Levels.Count} levels");
        return new ForecastTable(Frequency, [model], _series, _round, _cutoff, _time, _actual, [forecast], _scale, [.. Levels], [lower], [upper]);
    }

    /// <summary>The rows for which <paramref name="keep"/> holds (e.g. one series, one round).</summary>
    public ForecastTable Where(Func<int, bool> keep)
    {
        var idx = Enumerable.Range(0, Count).Where(keep).ToArray();
        return new ForecastTable(Frequency, [.. Models], Pick(_series, idx), Pick(_round, idx), Pick(_cutoff, idx), Pick(_time, idx), Pick(_actual, idx),
            _forecasts.Select(f => Pick(f, idx)).ToArray(), Pick(_scale, idx), [.. Levels],
            _lower.Select(m => m.Select(l => Pick(l, idx)).ToArray()).ToArray(),
            _upper.Select(m => m.Select(l => Pick(l, idx)).ToArray()).ToArray());
    }

    /// <summary>The first rows as records (for notebooks).</summary>
    public IEnumerable<ForecastRow> Head(int count = 10)
    {
        for (var i = 0; i < Math.Min(count, Count); i++)
            yield return new ForecastRow(_series[i], _round[i], Frequency.Format(_cutoff[i]), Frequency.Format(_time[i]), _actual[i],
                Models.Select((m, k) => (m, _forecasts[k][i])).ToDictionary(x => x.m, x => x.Item2, StringComparer.Ordinal));
    }

    /// <summary>Name of an interval column: <c>model-lo-80</c>, <c>model-hi-95</c> (statsforecast's spelling).</summary>
    public static string IntervalColumn(string model, bool upper, double level) =>
        $"{model}-{(upper ? "hi" : "lo")}-{level.ToString("R", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Writes the table as CSV (gzip-compressed when the path ends in <c>.gz</c>): columns series, round, cutoff,
    /// time, actual, one per model, then the interval bounds <c>model-lo-L</c>, <c>model-hi-L</c> of every model and
    /// level, then <c>scale</c> (the MASE scale); dates as ISO dates, numbers in shortest round-trip form, NaN as an
    /// empty field. The file is written to a temporary name and moved into place.
    /// </summary>
    public void WriteCsv(string path) => AtomicFile.Write(path, WriteCsv(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The CSV writer of <see cref="WriteCsv(string)"/>, for a stream (gzip-compressed when <paramref name="gzip"/>).</summary>
    public Action<Stream> WriteCsv(bool gzip) => file =>
    {
        using var stream = gzip ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) : file;
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var header = new List<string> { "series", "round", "cutoff", "time", "actual" };
        header.AddRange(Models.Select(Quote));
        for (var m = 0; m < Models.Count; m++)
            foreach (var level in Levels)
            {
                header.Add(Quote(IntervalColumn(Models[m], upper: false, level)));
                header.Add(Quote(IntervalColumn(Models[m], upper: true, level)));
            }
        header.Add("scale");
        writer.WriteLine(string.Join(',', header));
        var sb = new StringBuilder();
        for (var i = 0; i < Count; i++)
        {
            sb.Clear();
            sb.Append(Quote(_series[i])).Append(',').Append(_round[i].ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Frequency.Format(_cutoff[i])).Append(',').Append(Frequency.Format(_time[i])).Append(',').Append(Number(_actual[i]));
            foreach (var f in _forecasts) sb.Append(',').Append(Number(f[i]));
            for (var m = 0; m < Models.Count; m++)
                for (var l = 0; l < Levels.Count; l++)
                    sb.Append(',').Append(Number(_lower[m][l][i])).Append(',').Append(Number(_upper[m][l][i]));
            sb.Append(',').Append(Number(_scale[i]));
            writer.WriteLine(sb.ToString());
        }
    };

    private int ModelIndex(string model)
    {
        for (var m = 0; m < Models.Count; m++)
            if (string.Equals(Models[m], model, StringComparison.Ordinal)) return m;
        throw new ArgumentException($"no model '{model}'; the table has: {string.Join(", ", Models)}", nameof(model));
    }

    private int LevelIndex(double level)
    {
        for (var l = 0; l < Levels.Count; l++)
            if (Levels[l] == level) return l;
        throw new ArgumentException($"no {level.ToString(CultureInfo.InvariantCulture)}% interval; the table has: {(Levels.Count == 0 ? "none" : string.Join(", ", Levels.Select(v => v.ToString(CultureInfo.InvariantCulture))))}", nameof(level));
    }

    private static string Number(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static double[] Nan(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }

    private static T[] Pick<T>(T[] values, int[] idx)
    {
        var result = new T[idx.Length];
        for (var k = 0; k < idx.Length; k++) result[k] = values[idx[k]];
        return result;
    }
}
