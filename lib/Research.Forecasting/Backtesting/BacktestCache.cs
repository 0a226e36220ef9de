using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Research.Forecasting.Data;
using Research.Forecasting.IO;
using Research.Forecasting.Models;

namespace Research.Forecasting.Backtesting;

/// <summary>
/// A folder of finished backtests, one file per model: when a notebook asks again for a model it (or an earlier notebook)
/// already backtested on the same data, protocol, seed and build of the code, its forecast column is read instead of
/// refitted, so a comparison can gather every model without paying for each twice. The key is the SHA-256 of the
/// panel's content (<see cref="Fingerprint.Of(SeriesPanel)"/>), the protocol and the model's options
/// (<see cref="Fingerprint.Describe"/>), the seed, and the module version ids of the model's assembly and the repository assemblies it references,
/// so any change of data, options or code computes afresh. The table's rows come from the backtester itself (it runs a
/// model that forecasts nothing); a cached column is checked against them. Timings are those measured when the column
/// was computed. Results are deterministic, so a cached column equals a recomputed one.
/// </summary>
public sealed class BacktestCache
{
    /// <summary>The environment variable naming a cache folder for notebooks (the runner's default: <c>artifacts/cache/backtests</c>).</summary>
    public const string FolderVariable = "RESEARCH_BACKTEST_CACHE";

    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public BacktestCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>The cache named by <see cref="FolderVariable"/>, else <c>artifacts/cache/backtests</c> under the repository (found from <paramref name="start"/>), else none.</summary>
    public static BacktestCache? Default(string? start = null)
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder) return new BacktestCache(folder);
        for (var dir = new DirectoryInfo(start ?? System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Research.sln"))) return new BacktestCache(Path.Combine(dir.FullName, "artifacts", "cache", "backtests"));
        return null;
    }

    /// <summary>
    /// Backtests the models (reading the ones already cached), in the given order; see <see cref="Backtester.Run"/>. A
    /// searching model (<see cref="ISearchingForecaster"/>) is cached under its search options and searches (on the data
    /// before the first cutoff) only when its column is missing.
    /// </summary>
    public BacktestResult Run(SeriesPanel panel, IReadOnlyList<IForecaster> models, BacktestOptions options, FitContext? context = null, Action<int>? roundDone = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(models);
        context ??= new FitContext();
        var common = string.Join('\n', Fingerprint.Of(panel), Fingerprint.Describe(options with { Levels = [.. options.Levels] }),
            context.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var keys = models.Select(m => Key(common, Fingerprint.DescribeWithCode(m, typeof(Backtester)))).ToArray();
        var cached = keys.Select(Read).ToArray();
        var missing = Enumerable.Range(0, models.Count).Where(i => cached[i] is null).ToArray();
        // each missing model is backtested on its own and saved at once, so an interrupted run keeps what it finished;
        // a searching model (AutoML) is keyed by its search options and searches only when its column is not cached
        ForecastTable? layout = null;
        foreach (var i in missing)
        {
            var model = ISearchingForecaster.Resolve(panel, [models[i]], options, context)[0];
            var fresh = Backtester.Run(panel, [model], options, context, roundDone: roundDone);
            layout ??= fresh.Table;
            var name = models[i].Name;
            var entry = new Entry(name, RowHash(fresh.Table), fresh.Table.Forecast(name).ToArray(),
                [.. fresh.Table.Levels.Select(l => fresh.Table.Lower(name, l).ToArray())], [.. fresh.Table.Levels.Select(l => fresh.Table.Upper(name, l).ToArray())],
                [.. fresh.Failures.Where(f => f.Model == name)], fresh.Timings.Single(t => t.Model == name));
            Write(keys[i], entry);
            cached[i] = entry;
        }
        layout ??= Backtester.Run(panel, [new Skeleton()], options, context).Table;
        var rows = RowHash(layout);
        var columns = new ForecastTable?[models.Count];
        var failures = new List<ModelFailure>();
        var timings = new ModelTiming[models.Count];
        for (var i = 0; i < models.Count; i++)
        {
            var e = cached[i]!;
            if (e.Rows != rows)
                throw new InvalidOperationException($"the cached backtest of {e.Model} ({Path.Combine(Directory, keys[i])}) has other rows than this protocol gives; delete the cache");
            columns[i] = layout.Project(e.Model, e.Forecast, e.Lower, e.Upper);
            failures.AddRange(e.Failures);
            timings[i] = e.Timing;
        }
        var table = columns[0]!;
        for (var i = 1; i < columns.Length; i++) table = table.Join(columns[i]!);
        return new BacktestResult(options, table, failures, timings);
    }

    private sealed record Entry(string Model, string Rows, double[] Forecast, double[][] Lower, double[][] Upper, ModelFailure[] Failures, ModelTiming Timing);

    private static string Key(string common, string model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(common + "\n" + model)))[..32] + ".json.gz";

    private Entry? Read(string key)
    {
        var path = Path.Combine(Directory, key);
        if (!File.Exists(path)) return null;
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return JsonSerializer.Deserialize<Entry>(gzip, Json);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException)
        {
            return null; // a damaged entry is computed again
        }
    }

    private void Write(string key, Entry entry) =>
        AtomicFile.Write(Path.Combine(Directory, key), file =>
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            JsonSerializer.Serialize(gzip, entry, Json);
        });

    private static string RowHash(ForecastTable t)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < t.Count; i++)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(t.Series(i) + "\n"));
            hash.AppendData(BitConverter.GetBytes(t.Round[i]));
            hash.AppendData(BitConverter.GetBytes(t.Cutoff[i]));
            hash.AppendData(BitConverter.GetBytes(t.Time[i]));
            hash.AppendData(BitConverter.GetBytes(t.Actual[i]));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A model that forecasts nothing (NaN), so the backtester lays out the rows when every model is cached.</summary>
    private sealed class Skeleton : IForecaster, IForecastModel
    {
        public string Name => ".rows";

        public IForecastModel Fit(SeriesPanel train, FitContext context) => this;

        public PanelForecast Forecast(SeriesPanel history, SeriesPanel future, int steps, IReadOnlyList<double>? levels = null) =>
            new([.. Enumerable.Range(0, history.SeriesCount).Select(_ => new SeriesForecast([.. Enumerable.Repeat(double.NaN, steps)]))],
                new string?[history.SeriesCount]);
    }
}
