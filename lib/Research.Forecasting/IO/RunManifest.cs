using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml.Linq;

namespace Research.Forecasting.IO;

/// <summary>
/// <c>manifest.json</c>: what a reviewer needs to check a run: the command line, the git commit of the code (and whether
/// the work tree had uncommitted changes), the SHA-256 of every data file the run read, the pinned package versions and
/// the loaded assemblies, the seeds, the machine, when the run started and how long its parts took. It sits beside the
/// run's <c>metrics.json</c> and is kept out of it: the metrics and forecasts of two runs of the same command are
/// byte-identical, their manifests differ (times, machine). Written once per run by <see cref="ToJson"/>.
/// </summary>
/// <param name="Command">The verb, e.g. <c>research backtest</c>.</param>
/// <param name="Arguments">The arguments as given.</param>
/// <param name="RunId">The run's id (a digest of its data and options, <see cref="IO.RunId"/>), when it has one.</param>
/// <param name="StartedUtc">When the run started (UTC, ISO 8601).</param>
/// <param name="DurationsSeconds">Wall seconds of the run's parts (e.g. load, backtest, write) and <c>total</c>.</param>
/// <param name="Seeds">Every seed the run used, by name.</param>
/// <param name="Git">The code's commit.</param>
/// <param name="Data">Every data file the run read.</param>
/// <param name="Packages">The NuGet versions pinned for this build (Directory.Packages.props, embedded at build time).</param>
/// <param name="Assemblies">The non-framework assemblies loaded in the process at the end of the run, with their informational versions.</param>
/// <param name="Machine">The machine.</param>
/// <param name="Details">Anything the verb adds (e.g. the notebooks a run executed), or null.</param>
public sealed record RunManifest(
    string Command,
    IReadOnlyList<string> Arguments,
    string? RunId,
    DateTimeOffset StartedUtc,
    IReadOnlyDictionary<string, double> DurationsSeconds,
    IReadOnlyDictionary<string, long> Seeds,
    GitState Git,
    IReadOnlyList<DataFileDigest> Data,
    IReadOnlyDictionary<string, string> Packages,
    IReadOnlyDictionary<string, string> Assemblies,
    MachineInfo Machine,
    System.Text.Json.Nodes.JsonObject? Details = null)
{
    /// <summary>The file name beside <c>metrics.json</c>.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The manifest of a run that started at <paramref name="startedUtc"/> and read <paramref name="dataFiles"/>: the
    /// machine, git, packages and assemblies are read now; each data file is hashed now.
    /// </summary>
    public static RunManifest Capture(string command, IEnumerable<string> arguments, string? runId, DateTimeOffset startedUtc,
        IReadOnlyDictionary<string, double> durationsSeconds, IReadOnlyDictionary<string, long> seeds, IEnumerable<string> dataFiles,
        System.Text.Json.Nodes.JsonObject? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(dataFiles);
        return new RunManifest(command, [.. arguments], runId, startedUtc.ToUniversalTime(),
            new SortedDictionary<string, double>(durationsSeconds.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value, 3)), StringComparer.Ordinal),
            new SortedDictionary<string, long>(seeds.ToDictionary(), StringComparer.Ordinal),
            GitState.Find(), [.. dataFiles.Distinct(StringComparer.Ordinal).Select(DataFileDigest.Of)],
            PinnedPackages(), LoadedAssemblies(), MachineInfo.Current(), details);
    }

    /// <summary>The manifest as indented JSON (snake_case keys) with a final newline.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>Reads a manifest written by <see cref="ToJson"/>.</summary>
    public static RunManifest Parse(string json) => JsonSerializer.Deserialize<RunManifest>(json, Json)
        ?? throw new InvalidDataException("manifest.json is empty");

    /// <summary>The <c>PackageVersion</c> pins of Directory.Packages.props as built into this assembly (properties such as <c>$(X)</c> resolved).</summary>
    public static IReadOnlyDictionary<string, string> PinnedPackages()
    {
        using var stream = typeof(RunManifest).Assembly.GetManifestResourceStream("Research.Directory.Packages.props");
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (stream is null) return result;
        var doc = XDocument.Load(stream);
        var properties = doc.Descendants("PropertyGroup").Elements().ToDictionary(e => e.Name.LocalName, e => e.Value.Trim(), StringComparer.Ordinal);
        foreach (var p in doc.Descendants("PackageVersion"))
        {
            var name = (string?)p.Attribute("Include");
            var version = (string?)p.Attribute("Version");
            if (name is null || version is null) continue;
            foreach (var (k, v) in properties) version = version.Replace($"$({k})", v, StringComparison.Ordinal);
            result[name] = version;
        }
        return result;
    }

    /// <summary>The loaded assemblies that are not part of the .NET runtime, with their informational (else assembly) versions.</summary>
    public static IReadOnlyDictionary<string, string> LoadedAssemblies()
    {
        var runtime = Path.GetFullPath(RuntimeEnvironment.GetRuntimeDirectory());
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (a.IsDynamic || string.IsNullOrEmpty(a.Location) || Path.GetFullPath(a.Location).StartsWith(runtime, StringComparison.Ordinal)) continue;
            var name = a.GetName();
            result[name.Name ?? a.FullName ?? "?"] = a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? name.Version?.ToString() ?? "";
        }
        return result;
    }
}

/// <summary>A data file a run read: its path, size and SHA-256.</summary>
public sealed record DataFileDigest(string Path, long Bytes, string Sha256)
{
    public static DataFileDigest Of(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return new DataFileDigest(full, new FileInfo(full).Length, IO.RunId.FileSha256(full));
    }
}

/// <summary>
/// The commit of the code: <c>git rev-parse HEAD</c> in the repository around the working directory (else around the
/// program), and whether tracked files differ from it (<c>git status --porcelain --untracked-files=no</c>). Without git or a
/// repository (e.g. in a container image), the commit the program was built from (the SDK's source revision in the
/// assembly's informational version, or the <c>RESEARCH_GIT_COMMIT</c> variable), with <see cref="Dirty"/> unknown.
/// </summary>
/// <param name="Commit">The commit id, or null when nothing tells it.</param>
/// <param name="Dirty">Whether tracked files had uncommitted changes; null when unknown.</param>
/// <param name="Source">Where the commit came from.</param>
public sealed record GitState(string? Commit, bool? Dirty, string Source)
{
    /// <summary>A variable that names the commit where there is no repository (set by deploy/Dockerfile).</summary>
    public const string CommitVariable = "RESEARCH_GIT_COMMIT";

    public static GitState Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            if (Repository(start) is not { } root) continue;
            var head = Git(root, "rev-parse", "HEAD");
            if (head is null) continue;
            var status = Git(root, "status", "--porcelain", "--untracked-files=no");
            return new GitState(head.Trim(), status is null ? null : status.Trim().Length > 0, $"git in {root}");
        }
        if (Environment.GetEnvironmentVariable(CommitVariable) is { Length: > 0 } env)
            return new GitState(env.Trim(), null, $"{CommitVariable} (no repository around the run)");
        var info = (Assembly.GetEntryAssembly() ?? typeof(GitState).Assembly).GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = info?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus >= 0
            ? new GitState(info![(plus + 1)..], null, "the build's source revision (no repository around the run)")
            : new GitState(null, null, "unknown: no repository around the run and no source revision in the build");
    }

    private static string? Repository(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var git = System.IO.Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git)) return dir.FullName;
        }
        return null;
    }

    private static string? Git(string root, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-C");
            psi.ArgumentList.Add(root);
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            if (p is null) return null;
            var stdout = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(30_000))
            {
                p.Kill(entireProcessTree: true);
                return null;
            }
            return p.ExitCode == 0 ? stdout.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}

/// <summary>The machine a run ran on.</summary>
/// <param name="Os">Operating system description.</param>
/// <param name="Architecture">Process architecture.</param>
/// <param name="Cores">Logical processors the process may use.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Cpu">The processor model (<c>/proc/cpuinfo</c>), or null where unknown.</param>
/// <param name="MemoryBytes">Memory available to the process (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).</param>
/// <param name="Host">The machine's name.</param>
public sealed record MachineInfo(string Os, string Architecture, int Cores, string Runtime, string? Cpu, long MemoryBytes, string Host)
{
    public static MachineInfo Current() => new(
        RuntimeInformation.OSDescription, RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription, CpuModel(), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Environment.MachineName);

    private static string? CpuModel()
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return null;
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var c and > 0)
                    return line[(c + 1)..].Trim();
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Times the parts of a run for its <see cref="RunManifest"/>: <c>Lap("load")</c> after each part; <see cref="Seconds"/> adds <c>total</c>.</summary>
public sealed class RunClock
{
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Stopwatch _part = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _parts = new(StringComparer.Ordinal);

    /// <summary>When the clock started.</summary>
    public DateTimeOffset StartedUtc { get; } = DateTimeOffset.UtcNow;

    /// <summary>Ends the part called <paramref name="name"/> (added to an earlier part of that name) and starts the next.</summary>
    public void Lap(string name)
    {
        _parts[name] = _parts.GetValueOrDefault(name) + _part.Elapsed.TotalSeconds;
        _part.Restart();
    }

    /// <summary>The parts so far and the total.</summary>
    public IReadOnlyDictionary<string, double> Seconds => new Dictionary<string, double>(_parts, StringComparer.Ordinal) { ["total"] = _total.Elapsed.TotalSeconds };

    /// <summary>A string for logs.</summary>
    public override string ToString() => _total.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
