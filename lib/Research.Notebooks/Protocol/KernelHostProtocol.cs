using System.Text.Json;

namespace Research.Notebooks.Protocol;

/// <summary>
/// The contract between the runner and its kernel host: how to start the host, and how events travel (JSON lines on the
/// host's real standard output after <see cref="Prefix"/>; anything else on that stream is ignored).
/// </summary>
public static class KernelHostProtocol
{
    /// <summary>The kernel host's assembly, in <see cref="HostFolder"/> beside every program that runs notebooks.</summary>
    public const string HostAssembly = "research-kernel.dll";

    /// <summary>The folder, beside the program, that holds the host and its dependencies (see KernelHost.targets).</summary>
    public const string HostFolder = "kernel";

    /// <summary>Marks an event line.</summary>
    public const string Prefix = "@@research-kernel@@ ";

    private const string BaseDirectoryOption = "--base-dir";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The host's arguments: run the notebook at <paramref name="notebook"/>, resolving paths against <paramref name="baseDirectory"/>.</summary>
    public static IReadOnlyList<string> Arguments(string notebook, string baseDirectory) => [notebook, BaseDirectoryOption, baseDirectory];

    /// <summary>Parses <see cref="Arguments"/>; null when they are not of that shape.</summary>
    public static (string Notebook, string BaseDirectory)? ParseArguments(IReadOnlyList<string> args) =>
        args is [var notebook, BaseDirectoryOption, var baseDirectory] ? (notebook, baseDirectory) : null;

    /// <summary>How to start the host built beside this program: <c>dotnet kernel/research-kernel.dll</c>.</summary>
    public static (string File, IReadOnlyList<string> Prefix) DefaultCommand()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, HostFolder, HostAssembly);
        return File.Exists(dll)
            ? ("dotnet", [dll])
            : throw new FileNotFoundException($"the notebook kernel host is not built beside {AppContext.BaseDirectory} (import lib/Research.Notebooks.Kernel/KernelHost.targets)", dll);
    }

    public static string Format(KernelHostEvent e) => Prefix + JsonSerializer.Serialize(e, Json);

    /// <summary>The event on an output line, or null when the line is not an event.</summary>
    public static KernelHostEvent? Parse(string line) =>
        line.StartsWith(Prefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<KernelHostEvent>(line.AsSpan(Prefix.Length), Json) : null;
}
