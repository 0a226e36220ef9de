using System.Text;
using System.Text.RegularExpressions;

namespace Research.Notebooks.Execution;

/// <summary>A cell's C# code after its directives were taken out (each replaced by a blank line).</summary>
/// <param name="Code">The code to compile; line numbers are those of the cell.</param>
/// <param name="References">Absolute paths of <c>#r</c> assemblies.</param>
/// <param name="Loads">Absolute paths of <c>#load</c> scripts, in order.</param>
/// <param name="Time">Whether <c>#!time</c> asked for the cell's wall time.</param>
/// <param name="Error">Why the cell cannot run (an unsupported directive or a missing file), or null.</param>
public sealed record PreparedCell(string Code, IReadOnlyList<string> References, IReadOnlyList<string> Loads, bool Time, string? Error);

/// <summary>
/// Handles the directives of .NET Interactive notebooks: <c>#r "file.dll"</c> and <c>#load "file.csx"</c>
/// (relative to the notebook's folder), <c>#!csharp</c>, <c>#!time</c>. Directives that need the .NET Interactive
/// kernel (<c>#r "nuget:..."</c>, <c>#i</c>, other <c>#!</c> magics, other languages) fail the cell with a message
/// saying what to do instead.
/// </summary>
public static partial class Directives
{
    public static PreparedCell Prepare(string source, string baseDirectory)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var code = new StringBuilder();
        var references = new List<string>();
        var loads = new List<string>();
        var time = false;
        string? error = null;
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var t = line.Trim();
            var keep = true;
            if (t.StartsWith("#!", StringComparison.Ordinal))
            {
                keep = false;
                var magic = t.Split(' ', 2)[0];
                switch (magic)
                {
                    case "#!csharp" or "#!c#" or "#!C#":
                        break;
                    case "#!time":
                        time = true;
                        break;
                    case "#!fsharp" or "#!f#" or "#!F#" or "#!pwsh" or "#!powershell" or "#!javascript" or "#!js" or "#!html" or "#!markdown" or "#!sql" or "#!kql" or "#!mermaid" or "#!value":
                        error ??= $"line {n + 1}: {magic} switches to another kernel; the headless runner executes C# only. Write this cell in C#, or move it to a markdown cell.";
                        break;
                    default:
                        error ??= $"line {n + 1}: the magic command {magic} is not supported by the headless runner (only #!csharp and #!time are). Remove it, or do the same in C#.";
                        break;
                }
            }
            else if (RDirective().Match(t) is { Success: true } r)
            {
                keep = false;
                var target = r.Groups["path"].Value;
                if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                    error ??= $"line {n + 1}: #r \"{target}\" needs NuGet restore, which the headless runner does not do. Add the package to lib/Research.Forecasting (Directory.Packages.props) and reference the library's DLL with #r \"path.dll\".";
                else if (Resolve(baseDirectory, target) is var path && File.Exists(path))
                {
                    if (HostAssemblies.OtherBuild(path) is { } host)
                        error ??= $"line {n + 1}: #r \"{target}\": the runner carries another build of {Path.GetFileName(path)} ({host}), which the notebook would bind to instead. Run the runner built from the same sources in the same configuration, e.g. dotnet run --project lib/Research.Cli -c Release -- notebooks run ... (dotnet run rebuilds both).";
                    references.Add(path);
                }
                else
                    error ??= $"line {n + 1}: #r \"{target}\": no file at {path}. Build it first (e.g. dotnet build -c Release lib/Research.Forecasting).";
            }
            else if (LoadDirective().Match(t) is { Success: true } l)
            {
                keep = false;
                var path = Resolve(baseDirectory, l.Groups["path"].Value);
                if (File.Exists(path)) loads.Add(path);
                else error ??= $"line {n + 1}: #load \"{l.Groups["path"].Value}\": no file at {path}.";
            }
            else if (t.StartsWith("#i ", StringComparison.Ordinal) || t == "#i")
            {
                keep = false;
                error ??= $"line {n + 1}: #i (package sources) is not supported by the headless runner; packages come from the library's own references.";
            }
            code.Append(keep ? line : "");
            if (n < lines.Length - 1) code.Append('\n');
        }
        return new PreparedCell(code.ToString(), references, loads, time, error);
    }

    private static string Resolve(string baseDirectory, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));

    [GeneratedRegex("^#r\\s+\"(?<path>[^\"]+)\"\\s*$")]
    private static partial Regex RDirective();

    [GeneratedRegex("^#load\\s+\"(?<path>[^\"]+)\"\\s*$")]
    private static partial Regex LoadDirective();
}
