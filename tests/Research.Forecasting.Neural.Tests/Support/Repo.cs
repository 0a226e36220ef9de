namespace Research.Forecasting.Neural.Tests.Support;

/// <summary>Paths in the repository under test.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Research.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Research.sln not found above " + AppContext.BaseDirectory);
    }
}
