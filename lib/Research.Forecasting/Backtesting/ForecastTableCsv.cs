using System.Globalization;
using Research.Forecasting.Data;

namespace Research.Forecasting.Backtesting;

/// <summary>Reads the long table back from the CSV that <see cref="ForecastTable.WriteCsv(string)"/> writes (<c>forecasts.csv.gz</c> of <c>research backtest</c>).</summary>
public static class ForecastTableCsv
{
    /// <summary>
    /// Reads <paramref name="path"/> (<c>.csv</c> or <c>.csv.gz</c>): columns series, round, cutoff, time, actual, one per
    /// model, the interval bounds <c>model-lo-L</c>/<c>model-hi-L</c>, and <c>scale</c>. The frequency is read from the
    /// labels: integers are periods, <c>yyyy-MM</c> months, ISO dates days (a weekly table is read on the daily grid;
    /// its periods keep their order). A bad field throws a <see cref="DataFormatException"/> with its line and column.
    /// </summary>
    public static ForecastTable Read(string path)
    {
        var csv = CsvTable.Read(path);
        string[] fixedColumns = ["series", "round", "cutoff", "time", "actual"];
        for (var c = 0; c < fixedColumns.Length; c++)
            if (csv.Header.Count <= c || csv.Header[c] != fixedColumns[c])
                throw new DataFormatException(path, 1, c + 1, csv.Header.Count > c ? csv.Header[c] : null,
                    $"expected column '{fixedColumns[c]}' here (a forecasts.csv.gz written by research backtest starts with {string.Join(",", fixedColumns)})");
        var scaleColumn = csv.Header.Count - 1;
        if (csv.Header[scaleColumn] != "scale") throw new DataFormatException(path, 1, scaleColumn + 1, csv.Header[scaleColumn], "expected the last column to be 'scale'");
        var models = new List<string>();
        var c0 = fixedColumns.Length;
        while (c0 < scaleColumn && !IsInterval(csv.Header[c0], models)) models.Add(csv.Header[c0++]);
        if (models.Count == 0) throw new DataFormatException(path, 1, fixedColumns.Length + 1, null, "no model column");
        var levels = new List<double>();
        for (var c = c0; c < scaleColumn; c += 2)
        {
            var name = csv.Header[c];
            var suffix = name[(name.LastIndexOf("-lo-", StringComparison.Ordinal) + 4)..];
            if (!double.TryParse(suffix, NumberStyles.Float, CultureInfo.InvariantCulture, out var level))
                throw new DataFormatException(path, 1, c + 1, name, "expected an interval column model-lo-<level>");
            if (!levels.Contains(level)) levels.Add(level);
        }
        if (scaleColumn - c0 != 2 * models.Count * levels.Count)
            throw new DataFormatException(path, 1, c0 + 1, null, $"expected {2 * models.Count * levels.Count} interval columns for {models.Count} models and {levels.Count} levels, found {scaleColumn - c0}");
        var n = csv.RowCount;
        var frequency = n == 0 ? Frequency.Periods : Detect(csv.Text(0, 3));
        var series = new string[n];
        var round = new int[n];
        var cutoff = new long[n];
        var time = new long[n];
        var actual = new double[n];
        var forecasts = models.Select(_ => new double[n]).ToArray();
        var scale = new double[n];
        var lower = models.Select(_ => levels.Select(_ => new double[n]).ToArray()).ToArray();
        var upper = models.Select(_ => levels.Select(_ => new double[n]).ToArray()).ToArray();
        for (var i = 0; i < n; i++)
        {
            series[i] = csv.Text(i, 0);
            if (!int.TryParse(csv.Text(i, 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out round[i]) || round[i] < 1)
                throw csv.Error(i, 1, $"round '{csv.Text(i, 1)}' is not a positive integer");
            cutoff[i] = Period(csv, frequency, i, 2);
            time[i] = Period(csv, frequency, i, 3);
            actual[i] = csv.ParseNumber(i, 4, allowMissing: true);
            for (var m = 0; m < models.Count; m++) forecasts[m][i] = csv.ParseNumber(i, c0 - models.Count + m, allowMissing: true);
            for (var m = 0; m < models.Count; m++)
                for (var l = 0; l < levels.Count; l++)
                {
                    var c = c0 + 2 * (m * levels.Count + l);
                    lower[m][l][i] = csv.ParseNumber(i, c, allowMissing: true);
                    upper[m][l][i] = csv.ParseNumber(i, c + 1, allowMissing: true);
                }
            scale[i] = csv.ParseNumber(i, scaleColumn, allowMissing: true);
        }
        return new ForecastTable(frequency, [.. models], series, round, cutoff, time, actual, forecasts, scale, [.. levels], lower, upper);
    }

    private static bool IsInterval(string name, List<string> models) =>
        models.Any(m => name.StartsWith(m + "-lo-", StringComparison.Ordinal));

    private static Frequency Detect(string label) =>
        long.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? Frequency.Periods
            : label.Length == 7 ? Frequency.Monthly : Frequency.Daily;

    private static long Period(CsvTable csv, Frequency frequency, int row, int column)
    {
        try
        {
            return frequency.Parse(csv.Text(row, column));
        }
        catch (FormatException)
        {
            throw csv.Error(row, column, $"'{csv.Text(row, column)}' is not a {(frequency.Kind == FrequencyKind.Periods ? "period number" : "date")} like the first row's");
        }
    }
}
