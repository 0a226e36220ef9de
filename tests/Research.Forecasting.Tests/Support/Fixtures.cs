using System.Text.Json;

namespace Research.Forecasting.Tests.Support;

/// <summary>Reference values committed under Fixtures/ (each file names the script that produced it).</summary>
public static class Fixtures
{
    public static JsonElement Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "Research.Forecasting.Tests", "Fixtures", name)));
        return doc.RootElement.Clone();
    }

    public static JsonElement At(this JsonElement e, params string[] path)
    {
        foreach (var p in path) e = e.GetProperty(p);
        return e;
    }
}
