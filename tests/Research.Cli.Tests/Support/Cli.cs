using System.IO.Compression;
using System.Text;

namespace Research.Cli.Tests.Support;

/// <summary>The command line tests share the process's console and environment: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "cli";
}

/// <summary>Runs the command line in this process and captures its error stream and standard output.</summary>
public static class ResearchCli
{
    public sealed record Result(int ExitCode, string Error, string Output)
    {
        /// <summary>The error stream's lines.</summary>
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(params string[] args)
    {
        var error = new StringWriter { NewLine = "\n" };
        var output = new StringWriter { NewLine = "\n" };
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            var code = Program.Run(args, error);
            return new Result(code, error.ToString(), output.ToString());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }
}

/// <summary>A temporary folder for one test's input and output files.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("research-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes text (gzip-compressed when the name ends in .gz) and returns the path.</summary>
    public string Write(string name, string content)
    {
        var path = File(name);
        if (name.EndsWith(".gz", StringComparison.Ordinal)) System.IO.File.WriteAllBytes(path, Gzip(content));
        else System.IO.File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public static byte[] Gzip(string content)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(content));
        return ms.ToArray();
    }

    /// <summary>Entries directly in the folder (files and folders, names only), sorted.</summary>
    public string[] Entries(string? folder = null) =>
        [.. Directory.EnumerateFileSystemEntries(folder ?? Path).Select(p => System.IO.Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
