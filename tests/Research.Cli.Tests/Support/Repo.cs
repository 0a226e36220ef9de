namespace Research.Cli.Tests.Support;

/// <summary>Paths in the repository under test, and the built command line for tests that start it as a process.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The CLI built with the same configuration as these tests.</summary>
    public static (string File, IReadOnlyList<string> Prefix) Cli()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path("lib", "Research.Cli", "bin", configuration, "net10.0", "research.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"build the CLI first: {dll}");
        return ("dotnet", [dll]);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Research.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Research.sln not found above " + AppContext.BaseDirectory);
    }
}
