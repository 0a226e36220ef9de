using System.Diagnostics;

namespace Research.Cli.Infrastructure;

/// <summary>Runs a command as a child process and captures its output and wall time.</summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr, TimeSpan Wall, bool TimedOut);

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; kills the whole process tree after <paramref name="timeout"/>.</summary>
    public static Result Run(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var exited = p.WaitForExit(timeout);
        if (!exited)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
        }
        sw.Stop();
        return new Result(exited ? p.ExitCode : -1, stdout.Result, stderr.Result, sw.Elapsed, !exited);
    }

    /// <summary>How to start this CLI again as a child: the app host, or <c>dotnet research.dll</c>.</summary>
    public static (string File, string[] Prefix) Self()
    {
        var host = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "research.exe" : "research");
        if (File.Exists(host)) return (host, []);
        return ("dotnet", [Path.Combine(AppContext.BaseDirectory, "research.dll")]);
    }

    /// <summary>Peak resident set of this process in KB (Linux VmHWM), or -1 where unknown.</summary>
    public static long PeakResidentKb()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return -1;
    }
}
