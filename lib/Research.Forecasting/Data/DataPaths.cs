namespace Research.Forecasting.Data;

/// <summary>Finds the repository's <c>data/</c> folder from a notebook, a test or the command line.</summary>
public static class DataPaths
{
    /// <summary>
    /// The data folder: <c>$RESEARCH_DATA</c> when set, else the first <c>data/</c> holding a README.md found
    /// walking up from the working directory, then from this assembly's folder.
    /// </summary>
    public static string Root
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("RESEARCH_DATA");
            if (!string.IsNullOrEmpty(env)) return Path.GetFullPath(env);
            foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "data");
                    if (File.Exists(Path.Combine(candidate, "README.md")) && File.Exists(Path.Combine(dir.FullName, "Research.sln")))
                        return candidate;
                }
            }
            throw new DirectoryNotFoundException(
                $"cannot find the repository's data/ folder above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; set RESEARCH_DATA");
        }
    }

    /// <summary>A path under the data folder, e.g. <c>DataPaths.Get("oj", "yx.csv.gz")</c>.</summary>
    public static string Get(params string[] parts) => Path.Combine([Root, .. parts]);
}
