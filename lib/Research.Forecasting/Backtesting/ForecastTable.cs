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

    /// <summary>
    /// Reads a table written by <see cref="WriteCsv(bool)"/> (gzip-compressed or not, told by its first bytes): the
    /// models and interval levels from the header, every number back to the same double (shortest round-trip form), so
    /// writing the table again gives the same bytes. <paramref name="frequency"/> parses the cutoff and time labels.
    /// </summary>
    /// <exception cref="DataFormatException">The file is not such a table (naming the line).</exception>
    public static ForecastTable ReadCsv(string path, Frequency frequency)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        var bytes = DataFile.ReadAllBytes(path);
        using var reader = new StreamReader(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count), new UTF8Encoding(false));
        var header = reader.ReadLine() is { } h ? SplitCsv(h) : throw new DataFormatException(path, 0, 0, null, "empty file, no forecast table");
        string[] fixedColumns = ["series", "round", "cutoff", "time", "actual"];
        if (header.Count < 7 || !header.Take(5).SequenceEqual(fixedColumns) || header[^1] != "scale")
            throw new DataFormatException(path, 1, 0, null, "not a forecast table (expected series,round,cutoff,time,actual, the models, their interval bounds, scale)");
        var middle = header.Skip(5).Take(header.Count - 6).ToArray();
        // the models come first; the interval columns of the first model, if any, start right after them
        var modelCount = middle.Length;
        for (var c = 1; c < middle.Length; c++)
            if (middle[c].StartsWith(middle[0] + "-lo-", StringComparison.Ordinal)
                && double.TryParse(middle[c][(middle[0].Length + 4)..], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                modelCount = c;
                break;
            }
        var models = middle[..modelCount];
        var rest = middle.Length - modelCount;
        var levelCount = rest / (2 * modelCount);
        var levels = Enumerable.Range(0, levelCount)
            .Select(l => double.Parse(middle[modelCount + 2 * l][(models[0].Length + 4)..], NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        var expected = new List<string>(models);
        foreach (var m in models)
            foreach (var level in levels)
            {
                expected.Add(IntervalColumn(m, upper: false, level));
                expected.Add(IntervalColumn(m, upper: true, level));
            }
        if (rest != 2 * modelCount * levelCount || !expected.SequenceEqual(middle))
            throw new DataFormatException(path, 1, 0, null, $"the model and interval columns do not match (models {string.Join(", ", models)})");

        var series = new List<string>();
        var round = new List<int>();
        var cutoff = new List<long>();
        var time = new List<long>();
        var actual = new List<double>();
        var scale = new List<double>();
        var forecasts = models.Select(_ => new List<double>()).ToArray();
        var lower = models.Select(_ => levels.Select(_ => new List<double>()).ToArray()).ToArray();
        var upper = models.Select(_ => levels.Select(_ => new List<double>()).ToArray()).ToArray();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var f = SplitCsv(text);
            if (f.Count != header.Count) throw new DataFormatException(path, line, 0, null, $"{f.Count} fields, the header has {header.Count}");
            try
            {
                series.Add(f[0]);
                round.Add(int.Parse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture));
                cutoff.Add(frequency.Parse(f[2]));
                time.Add(frequency.Parse(f[3]));
                actual.Add(ParseNumber(f[4]));
                var c = 5;
                foreach (var col in forecasts) col.Add(ParseNumber(f[c++]));
                for (var m = 0; m < models.Length; m++)
                    for (var l = 0; l < levels.Length; l++)
                    {
                        lower[m][l].Add(ParseNumber(f[c++]));
                        upper[m][l].Add(ParseNumber(f[c++]));
                    }
                scale.Add(ParseNumber(f[c]));
            }
            catch (FormatException e)
            {
                throw new DataFormatException(path, line, 0, null, e.Message);
            }
        }
        return new ForecastTable(frequency, models, [.. series], [.. round], [.. cutoff], [.. time], [.. actual],
            [.. forecasts.Select(x => x.ToArray())], [.. scale], levels,
            [.. lower.Select(m => m.Select(l => l.ToArray()).ToArray())], [.. upper.Select(m => m.Select(l => l.ToArray()).ToArray())]);
    }

    /// <summary>
    /// The rows of <paramref name="parts"/> (tables of the same models and levels, e.g. the shards of one backtest) as
    /// one table, ordered as the backtester orders a run over the whole panel: by round, then by the series' index in the
    /// panel (<paramref name="seriesIndex"/>), each series' rows in their order. A series in two parts is an error.
    /// </summary>
    public static ForecastTable Merge(IReadOnlyList<ForecastTable> parts, IReadOnlyDictionary<string, int> seriesIndex)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(seriesIndex);
        if (parts.Count == 0) throw new ArgumentException("no tables to merge", nameof(parts));
        var first = parts[0];
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<(int Round, int Series, int Part, int Row)>();
        for (var p = 0; p < parts.Count; p++)
        {
            var t = parts[p];
            if (!t.Models.SequenceEqual(first.Models) || !t.Levels.SequenceEqual(first.Levels) || t.Frequency != first.Frequency)
                throw new ArgumentException($"table {p + 1} has models {string.Join(", ", t.Models)} and levels {string.Join(", ", t.Levels)}, table 1 {string.Join(", ", first.Models)} and {string.Join(", ", first.Levels)}", nameof(parts));
            for (var i = 0; i < t.Count; i++)
            {
                var id = t._series[i];
                if (!seriesIndex.TryGetValue(id, out var index)) throw new ArgumentException($"series {id} of table {p + 1} has no index", nameof(seriesIndex));
                if (owner.TryGetValue(id, out var other) && other != p) throw new ArgumentException($"series {id} is in tables {other + 1} and {p + 1}", nameof(parts));
                owner[id] = p;
                rows.Add((t._round[i], index, p, i));
            }
        }
        var order = rows.OrderBy(r => r.Round).ThenBy(r => r.Series).ToArray(); // stable: a series' rows keep their order
        T[] Gather<T>(Func<ForecastTable, T[]> column) => [.. order.Select(r => column(parts[r.Part])[r.Row])];
        var models = first.Models.Count;
        var levels = first.Levels.Count;
        return new ForecastTable(first.Frequency, [.. first.Models], Gather(t => t._series), Gather(t => t._round), Gather(t => t._cutoff), Gather(t => t._time),
            Gather(t => t._actual), [.. Enumerable.Range(0, models).Select(m => Gather(t => t._forecasts[m]))], Gather(t => t._scale), [.. first.Levels],
            [.. Enumerable.Range(0, models).Select(m => Enumerable.Range(0, levels).Select(l => Gather(t => t._lower[m][l])).ToArray())],
            [.. Enumerable.Range(0, models).Select(m => Enumerable.Range(0, levels).Select(l => Gather(t => t._upper[m][l])).ToArray())]);
    }

    private static double ParseNumber(string s) => s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    // one CSV line with RFC 4180 quoting (as Quote writes it)
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }

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
