using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Research.Forecasting.IO;

/// <summary>
/// An output folder replaced as a unit. A run writes its files into a staging folder beside the target
/// (<c>.name.&lt;run&gt;.&lt;pid&gt;.partial</c>), adds a manifest (<see cref="ManifestName"/>: the run id and every
/// file's size and SHA-256), then swaps the staging folder with the target in one step (Linux <c>renameat2</c>
/// with <c>RENAME_EXCHANGE</c>; elsewhere two renames, the old folder kept aside until the new one is in place).
/// A reader, or a run killed at any moment, sees the previous complete run or the new complete run, never a mix.
/// Leftovers of a killed run (staging folders of processes that are gone) are deleted by the next run.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    /// <summary>The manifest every output folder holds.</summary>
    public const string ManifestName = "run.json";

    /// <summary>The key naming the run in the manifest and in every JSON file of the run.</summary>
    public const string RunIdKey = "run_id";

    private const string PartialSuffix = ".partial";
    private const string OldSuffix = ".old";

    private readonly List<string> _files = [];
    private bool _committed;

    private OutputFolder(string target, string staging, string runId)
    {
        Target = target;
        Staging = staging;
        RunId = runId;
    }

    /// <summary>The folder the run replaces (full path).</summary>
    public string Target { get; }

    /// <summary>Where the run's files are written until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    public string RunId { get; }

    /// <summary>The files written so far, by name.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>
    /// Why <paramref name="path"/> cannot be an output folder (an existing file; an existing folder with files but no
    /// manifest, i.e. not an earlier run's output), or null when it can.
    /// </summary>
    public static string? Problem(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) return "is an existing file, not a folder";
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, ManifestName)))
            return $"is a folder with other content (no {ManifestName} of an earlier run): it would be replaced whole, so name a new or empty folder";
        if (Path.GetDirectoryName(full) is null) return "is a file system root";
        return null;
    }

    /// <summary>Starts a run that will replace <paramref name="path"/>; cleans up what killed runs left beside it.</summary>
    /// <exception cref="ArgumentException">The path cannot be an output folder (see <see cref="Problem"/>).</exception>
    public static OutputFolder Begin(string path, string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (Problem(path) is { } problem) throw new ArgumentException($"{path} {problem}", nameof(path));
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        CleanLeftovers(full);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.{runId}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}{PartialSuffix}");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        return new OutputFolder(full, staging, runId);
    }

    /// <summary>Writes a text file (UTF-8, no byte-order mark) into the run.</summary>
    public void WriteText(string name, string content) =>
        Write(name, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(content);
        });

    /// <summary>Writes a file into the run with whatever <paramref name="write"/> puts into the stream.</summary>
    public void Write(string name, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (_committed) throw new InvalidOperationException("the run is already committed");
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name == ManifestName)
            throw new ArgumentException($"'{name}' is not a plain file name of the run", nameof(name));
        using (var file = new FileStream(Path.Combine(Staging, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(file);
            file.Flush(flushToDisk: true);
        }
        if (!_files.Contains(name, StringComparer.Ordinal)) _files.Add(name);
    }

    /// <summary>
    /// Writes the manifest (the run id, <paramref name="details"/>, every file's size and SHA-256) and puts the run
    /// in place of the target folder as one step.
    /// </summary>
    public void Commit(JsonObject? details = null)
    {
        if (_committed) throw new InvalidOperationException("the run is already committed");
        var files = new JsonObject();
        foreach (var name in _files.Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(Staging, name);
            files[name] = new JsonObject
            {
                ["bytes"] = new FileInfo(path).Length,
                ["sha256"] = IO.RunId.FileSha256(path),
            };
        }
        var manifest = new JsonObject { [RunIdKey] = RunId };
        if (details is not null)
            foreach (var (k, v) in details) manifest[k] = v?.DeepClone();
        manifest["files"] = files;
        using (var file = new FileStream(Path.Combine(Staging, ManifestName), FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.UTF8.GetBytes(manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
            file.Flush(flushToDisk: true);
        }
        Swap();
        _committed = true;
    }

    /// <summary>Deletes the staging folder of a run that was not committed.</summary>
    public void Dispose()
    {
        if (_committed) return;
        try
        {
            if (Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// Reads the manifest of an output folder and checks the folder against it: exactly the listed files, each of
    /// the listed size and SHA-256, and every JSON file naming the same run. Returns the run id, or null when the
    /// folder does not exist; throws an <see cref="InvalidDataException"/> describing the first mismatch.
    /// </summary>
    public static string? Verify(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full)) return null;
        var manifestPath = Path.Combine(full, ManifestName);
        if (!File.Exists(manifestPath)) throw new InvalidDataException($"{full} has no {ManifestName}");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        var runId = manifest[RunIdKey]!.GetValue<string>();
        var listed = manifest["files"]!.AsObject();
        var present = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).Where(n => n != ManifestName).Order(StringComparer.Ordinal).ToArray();
        var expected = listed.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToArray();
        if (!present.SequenceEqual(expected))
            throw new InvalidDataException($"{full} holds [{string.Join(", ", present)}] but its manifest lists [{string.Join(", ", expected)}]");
        foreach (var (name, entry) in listed)
        {
            var file = Path.Combine(full, name);
            if (new FileInfo(file).Length != entry!["bytes"]!.GetValue<long>() || IO.RunId.FileSha256(file) != entry["sha256"]!.GetValue<string>())
                throw new InvalidDataException($"{file} does not match the manifest of run {runId}");
            if (name.EndsWith(".json", StringComparison.Ordinal)
                && JsonNode.Parse(File.ReadAllText(file)) is JsonObject o && o[RunIdKey]?.GetValue<string>() is { } id && id != runId)
                throw new InvalidDataException($"{file} belongs to run {id}, the manifest to run {runId}");
        }
        return runId;
    }

    private void Swap()
    {
        if (!Directory.Exists(Target))
        {
            Directory.Move(Staging, Target);
            return;
        }
        if (OperatingSystem.IsLinux() && Exchange(Staging, Target))
        {
            // the staging path now holds the previous run
            DeleteQuietly(Staging);
            return;
        }
        var old = Path.Combine(Path.GetDirectoryName(Target)!, $".{Path.GetFileName(Target)}.{RunId}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}{OldSuffix}");
        Directory.Move(Target, old);
        Directory.Move(Staging, Target);
        DeleteQuietly(old);
    }

    // Deletes staging and set-aside folders of runs whose process is gone; restores a set-aside folder when a run
    // died between its two renames (non-Linux path) and the target is missing.
    private static void CleanLeftovers(string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        var prefix = "." + Path.GetFileName(target) + ".";
        foreach (var dir in Directory.EnumerateDirectories(parent, prefix + "*").Order(StringComparer.Ordinal).ToArray())
        {
            var name = Path.GetFileName(dir);
            var partial = name.EndsWith(PartialSuffix, StringComparison.Ordinal);
            if (!partial && !name.EndsWith(OldSuffix, StringComparison.Ordinal)) continue;
            var parts = name[prefix.Length..].Split('.');
            if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (pid != Environment.ProcessId && IsAlive(pid)) continue;
            if (!partial && !Directory.Exists(target) && File.Exists(Path.Combine(dir, ManifestName)))
                Directory.Move(dir, target);
            else
                DeleteQuietly(dir);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void DeleteQuietly(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static bool Exchange(string a, string b)
    {
        try
        {
            return NativeMethods.renameat2(NativeMethods.AtFdCwd, a, NativeMethods.AtFdCwd, b, NativeMethods.RenameExchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        public const int AtFdCwd = -100;
        public const uint RenameExchange = 2;

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int renameat2(int olddirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, int newdirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath, uint flags);
    }
}
