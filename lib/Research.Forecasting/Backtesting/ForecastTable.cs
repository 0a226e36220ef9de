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
/// forecast period) with the cutoff, the actual value (NaN where the period was not observed) and one forecast
/// column per model. Immutable; columns are exposed as spans.
/// </summary>
public sealed class ForecastTable
{
    private readonly string[] _series;
    private readonly int[] _round;
    private readonly long[] _cutoff;
    private readonly long[] _time;
    private readonly double[] _actual;
    private readonly double[][] _forecasts;

    internal ForecastTable(Frequency frequency, string[] models, string[] series, int[] round, long[] cutoff, long[] time, double[] actual, double[][] forecasts)
    {
        Frequency = frequency;
        Models = models;
        _series = series;
        _round = round;
        _cutoff = cutoff;
        _time = time;
        _actual = actual;
        _forecasts = forecasts;
    }

    public Frequency Frequency { get; }

    public IReadOnlyList<string> Models { get; }

    public int Count => _series.Length;

    public ReadOnlySpan<double> Actual => _actual;

    public ReadOnlySpan<int> Round => _round;

    public ReadOnlySpan<long> Time => _time;

    public ReadOnlySpan<long> Cutoff => _cutoff;

    public string Series(int row) => _series[row];

    /// <summary>The forecast column of a model.</summary>
    public ReadOnlySpan<double> Forecast(string model)
    {
        for (var m = 0; m < Models.Count; m++)
            if (string.Equals(Models[m], model, StringComparison.Ordinal)) return _forecasts[m];
        throw new ArgumentException($"no model '{model}'; the table has: {string.Join(", ", Models)}", nameof(model));
    }

    /// <summary>The rows for which <paramref name="keep"/> holds (e.g. one series, one round).</summary>
    public ForecastTable Where(Func<int, bool> keep)
    {
        var idx = Enumerable.Range(0, Count).Where(keep).ToArray();
        return new ForecastTable(Frequency, [.. Models], Pick(_series, idx), Pick(_round, idx), Pick(_cutoff, idx), Pick(_time, idx), Pick(_actual, idx),
            _forecasts.Select(f => Pick(f, idx)).ToArray());
    }

    /// <summary>The first rows as records (for notebooks).</summary>
    public IEnumerable<ForecastRow> Head(int count = 10)
    {
        for (var i = 0; i < Math.Min(count, Count); i++)
            yield return new ForecastRow(_series[i], _round[i], Frequency.Format(_cutoff[i]), Frequency.Format(_time[i]), _actual[i],
                Models.Select((m, k) => (m, _forecasts[k][i])).ToDictionary(x => x.m, x => x.Item2, StringComparer.Ordinal));
    }

    /// <summary>
    /// Writes the table as CSV (gzip-compressed when the path ends in <c>.gz</c>): columns series, round, cutoff,
    /// time, actual and one per model; numbers in shortest round-trip form, NaN as an empty field. The file is
    /// written to a temporary name and moved into place.
    /// </summary>
    public void WriteCsv(string path) =>
        AtomicFile.Write(path, file =>
        {
            using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) : file;
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(string.Join(',', new[] { "series", "round", "cutoff", "time", "actual" }.Concat(Models.Select(Quote))));
            var sb = new StringBuilder();
            for (var i = 0; i < Count; i++)
            {
                sb.Clear();
                sb.Append(Quote(_series[i])).Append(',').Append(_round[i].ToString(CultureInfo.InvariantCulture)).Append(',')
                  .Append(Frequency.Format(_cutoff[i])).Append(',').Append(Frequency.Format(_time[i])).Append(',').Append(Number(_actual[i]));
                foreach (var f in _forecasts) sb.Append(',').Append(Number(f[i]));
                writer.WriteLine(sb.ToString());
            }
        });

    private static string Number(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static T[] Pick<T>(T[] values, int[] idx)
    {
        var result = new T[idx.Length];
        for (var k = 0; k < idx.Length; k++) result[k] = values[idx[k]];
        return result;
    }
}
