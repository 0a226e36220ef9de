using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Research.Forecasting.Data;
using Research.Forecasting.IO;
using Research.Forecasting.Models;

namespace Research.Forecasting.Backtesting;

/// <summary>
/// A folder of finished backtests, one file per model and round: when a notebook asks again for a model it (or an earlier notebook)
/// already backtested on the same data, protocol, seed and build of the code, its forecast column is read instead of
/// refitted, so a comparison can gather every model without paying for each twice. The key is the SHA-256 of the
/// panel's content (<see cref="Fingerprint.Of(SeriesPanel)"/>), the protocol and the model's options
/// (<see cref="Fingerprint.Describe"/>), the seed, and the module version ids of the model's assembly and the repository assemblies it references,
/// so any change of data, options or code computes afresh. The table's rows come from the backtester itself (it runs a
/// model that forecasts nothing); a cached column is checked against them. Timings are those measured when each round
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
    /// Backtests the models (reading the ones already cached), in the given order; see <see cref="Backtester.Run"/>.
    /// A model refitted every round is cached round by round, since a round depends only on the data up to its cutoff:
    /// a protocol with fewer rounds (the last ones) reads them from a longer run, and a longer one computes only the
    /// rounds it lacks. An entry made with more interval levels answers a request for fewer. A searching model
    /// (<see cref="ISearchingForecaster"/>) searches first, on the data before the first cutoff, through
    /// <see cref="ISearchingForecaster.Search(SeriesPanel, BacktestOptions, FitContext, BacktestCache)"/> (a search it
    /// can repeat exactly is kept with <see cref="Remember"/>), and its choice is cached like any model. Processes
    /// sharing the folder compute an entry once: one computes it under a lock, the others wait and read it.
    /// </summary>
    public BacktestResult Run(SeriesPanel panel, IReadOnlyList<IForecaster> models, BacktestOptions options, FitContext? context = null, Action<int>? roundDone = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        context ??= new FitContext();
        var duplicate = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two models are named '{duplicate.Key}'; give one a Label", nameof(models));
        var layout = Backtester.Run(panel, [new Skeleton()], options, context).Table;
        var data = Fingerprint.Of(panel);
        var seed = context.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var levels = options.Levels.ToArray();
        var columns = new ForecastTable[models.Count];
        var failures = new List<ModelFailure>();
        var timings = new ModelTiming[models.Count];
        for (var i = 0; i < models.Count; i++)
        {
            // a searching model searches first (through this cache: a search it can repeat is read), then is its choice
            var model = models[i] is ISearchingForecaster searching ? searching.Search(panel, options, context, this) : models[i];
            var code = Fingerprint.DescribeWithCode(model, typeof(Backtester));
            var entries = options.RefitEvery != 1
                ? [Whole(panel, model, options, context, Key(string.Join('\n', data, Fingerprint.Describe(options with { Levels = [.. levels] }), seed), code), layout, roundDone)]
                : Enumerable.Range(1, options.Rounds).Select(r => Round(panel, model, options, r, context, data, seed, code, layout, roundDone)).ToArray();
            var forecast = entries.SelectMany(e => e.Forecast).ToArray();
            var lower = levels.Select(l => entries.SelectMany(e => e.Lower[Array.IndexOf(e.Levels!, l)]).ToArray()).ToArray();
            var upper = levels.Select(l => entries.SelectMany(e => e.Upper[Array.IndexOf(e.Levels!, l)]).ToArray()).ToArray();
            columns[i] = layout.Project(model.Name, forecast, lower, upper);
            failures.AddRange(entries.SelectMany(e => e.Failures));
            timings[i] = new ModelTiming(model.Name, entries.Sum(e => e.Timing.FitSeconds), entries.Sum(e => e.Timing.ForecastSeconds));
        }
        var table = columns[0];
        for (var i = 1; i < columns.Length; i++) table = table.Join(columns[i]);
        return new BacktestResult(options, table, failures, timings);
    }

    // the whole protocol as one entry (models not refitted every round)
    private Entry Whole(SeriesPanel panel, IForecaster model, BacktestOptions options, FitContext context, string key, ForecastTable layout, Action<int>? roundDone)
    {
        var rows = RowHash(layout, 0, layout.Count, withRound: true);
        var entry = ReadOrCompute(key, e => e.Levels is not null, () =>
        {
            var fresh = Backtester.Run(panel, [model], options, context, roundDone: roundDone);
            return Capture(model.Name, fresh, options.Levels.ToArray(), round: null);
        });
        if (entry.Rows != rows)
            throw new InvalidOperationException($"the cached backtest of {entry.Model} ({Path.Combine(Directory, key)}) has other rows than this protocol gives; delete the cache");
        return entry with { Model = model.Name };
    }

    // round r of the protocol: round 1 of the same protocol ending r's evaluated periods, without interval levels in the key
    private Entry Round(SeriesPanel panel, IForecaster model, BacktestOptions options, int r, FitContext context, string data, string seed, string code, ForecastTable layout, Action<int>? roundDone)
    {
        var single = options with { Rounds = 1, End = options.Cutoff(r) + options.Gap + options.Horizon - 1, Levels = [] };
        var key = Key(string.Join('\n', data, "round", Fingerprint.Describe(single), seed), code);
        var first = layout.Round.IndexOf(r);
        var count = first < 0 ? 0 : layout.Round.LastIndexOf(r) - first + 1;
        var rows = RowHash(layout, Math.Max(first, 0), count, withRound: false);
        var levels = options.Levels.ToArray();
        var entry = ReadOrCompute<Entry>(key, e => e.Levels is { } have && levels.All(have.Contains), previous =>
        {
            var wanted = levels.Union(previous?.Levels ?? []).Order().ToArray();
            var fresh = Backtester.Run(panel, [model], single with { Levels = wanted }, context);
            roundDone?.Invoke(r);
            return Capture(model.Name, fresh, wanted, round: r);
        });
        if (entry.Rows != rows)
            throw new InvalidOperationException($"the cached backtest of {entry.Model}, round {r} ({Path.Combine(Directory, key)}) has other rows than this protocol gives; delete the cache");
        return entry with { Model = model.Name, Failures = [.. entry.Failures.Select(f => f with { Round = r })] };
    }

    private static Entry Capture(string name, BacktestResult fresh, double[] levels, int? round) => new(
        name,
        RowHash(fresh.Table, 0, fresh.Table.Count, withRound: round is null),
        fresh.Table.Forecast(name).ToArray(),
        [.. levels.Select(l => fresh.Table.Lower(name, l).ToArray())],
        [.. levels.Select(l => fresh.Table.Upper(name, l).ToArray())],
        [.. fresh.Failures.Where(f => f.Model == name)],
        fresh.Timings.Single(t => t.Model == name)) { Levels = levels };

    /// <summary>
    /// A result of one's own kept in the cache under <paramref name="description"/> (the text of everything that
    /// determines it, hashed to the file name), computed once across processes like a backtest: e.g. the trials of a
    /// trial-limited AutoML search, so a second notebook asking for the same search reads its choice. The value must
    /// round-trip through System.Text.Json; a damaged file is computed again.
    /// </summary>
    public T Remember<T>(string description, Func<T> compute) where T : class
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(compute);
        return ReadOrCompute<T>(Key("remembered", description), _ => true, _ => compute());
    }

    private Entry ReadOrCompute(string key, Func<Entry, bool> usable, Func<Entry> compute) => ReadOrCompute<Entry>(key, usable, _ => compute());

    // reads the entry; when it is missing or not usable, computes it under the key's lock (another process may have
    // written it meanwhile: read again once the lock is held)
    private T ReadOrCompute<T>(string key, Func<T, bool> usable, Func<T?, T> compute) where T : class
    {
        if (Read<T>(key) is { } hit && usable(hit)) return hit;
        using var held = Lock(key);
        var previous = Read<T>(key);
        if (previous is not null && usable(previous)) return previous;
        var value = compute(previous);
        Write(key, value);
        return value;
    }

    /// <summary>How long a process waits between tries for a key another process is computing.</summary>
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(250);

    // an exclusive lock on <key>.lock (flock on Unix, a sharing lock on Windows), released by the operating system when
    // the process ends however it ends; the file stays, so two processes never lock two different files of one name
    private FileStream Lock(string key)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, key + ".lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                Thread.Sleep(LockPoll);
            }
        }
    }

    private sealed record Entry(string Model, string Rows, double[] Forecast, double[][] Lower, double[][] Upper, ModelFailure[] Failures, ModelTiming Timing)
    {
        /// <summary>The interval levels of <see cref="Lower"/> and <see cref="Upper"/>.</summary>
        public double[]? Levels { get; init; }
    }

    private static string Key(string common, string model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(common + "\n" + model)))[..32] + ".json.gz";

    private T? Read<T>(string key) where T : class
    {
        var path = Path.Combine(Directory, key);
        if (!File.Exists(path)) return null;
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return JsonSerializer.Deserialize<T>(gzip, Json);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or NotSupportedException)
        {
            return null; // a damaged entry is computed again
        }
    }

    private void Write<T>(string key, T value) =>
        AtomicFile.Write(Path.Combine(Directory, key), file =>
        {
            using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            JsonSerializer.Serialize(gzip, value, Json);
        });

    // the rows' series, cutoff, period and actual (and round, for a whole protocol), from row first on
    private static string RowHash(ForecastTable t, int first, int count, bool withRound)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = first; i < first + count; i++)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(t.Series(i) + "\n"));
            if (withRound) hash.AppendData(BitConverter.GetBytes(t.Round[i]));
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
