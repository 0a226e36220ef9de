using System.Text.Json.Nodes;

namespace Research.Notebooks.Running;

/// <summary>
/// Parameter profiles: <c>notebooks/profiles/&lt;name&gt;.json</c> maps a notebook's file name (without extension)
/// to its parameter overrides; the key <c>"*"</c> applies to every notebook that declares those parameters.
/// The profile <c>full</c> needs no file (the notebooks' own defaults).
/// </summary>
public static class Profiles
{
    public static IReadOnlyDictionary<string, JsonNode?> For(string? profileFile, string notebookName, IReadOnlyList<string> declared)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (profileFile is null) return result;
        var root = JsonNode.Parse(File.ReadAllText(profileFile)) as JsonObject
            ?? throw new FormatException($"{profileFile}: a profile is a JSON object of notebook name -> parameters");
        if (root["*"] is JsonObject all)
            foreach (var (k, v) in all)
                if (declared.Contains(k)) result[k] = v?.DeepClone();
        if (root[notebookName] is JsonObject own)
            foreach (var (k, v) in own) result[k] = v?.DeepClone();
        return result;
    }

    /// <summary>The file of a profile, or null for <c>full</c>/none; throws naming the missing file.</summary>
    public static string? FileOf(string? profile, string profilesDirectory)
    {
        if (profile is null or "full") return null;
        var path = Path.Combine(profilesDirectory, profile + ".json");
        return File.Exists(path) ? path : throw new FileNotFoundException($"profile '{profile}': no file {path}", path);
    }
}
