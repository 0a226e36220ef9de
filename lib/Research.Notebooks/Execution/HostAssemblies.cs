using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Research.Notebooks.Execution;

/// <summary>
/// Assemblies the host process already carries (its trusted platform assemblies). A notebook's <c>#r "x.dll"</c>
/// of an assembly the host also ships (the research CLI ships the forecasting library) binds to the host's copy, so
/// when the two are different builds the notebook would silently run against the other one.
/// </summary>
internal static class HostAssemblies
{
    private static readonly Lazy<Dictionary<string, string>> s_byFileName = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase));

    /// <summary>The host's copy of the assembly at <paramref name="path"/> when it is another build (module version id differs); otherwise null.</summary>
    public static string? OtherBuild(string path)
    {
        if (!s_byFileName.Value.TryGetValue(Path.GetFileName(path), out var host)) return null;
        if (string.Equals(Path.GetFullPath(host), Path.GetFullPath(path), StringComparison.Ordinal)) return null;
        return ModuleVersionId(host) == ModuleVersionId(path) ? null : host;
    }

    /// <summary>The MVID: the same for the same build (and for a copied file), different for a rebuild with other code.</summary>
    internal static Guid? ModuleVersionId(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return null;
            var reader = pe.GetMetadataReader();
            return reader.GetGuid(reader.GetModuleDefinition().Mvid);
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }
}
