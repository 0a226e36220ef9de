using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Research.Forecasting.ML.Learners;

/// <summary>
/// Native libraries of the ML.NET packages (<c>FastTreeNative</c>, <c>lib_lightgbm</c>) for a host that loads this
/// assembly by path, as a notebook's <c>#r</c> does: without a <c>deps.json</c> the runtime probes only the
/// assembly's own folder, not the package's <c>runtimes/&lt;rid&gt;/native</c> folder the build copies beside it. When
/// the default probing fails, the library is loaded from that folder. A host with a <c>deps.json</c> (the CLI, the
/// tests) finds the libraries itself and never asks.
/// </summary>
internal static class PackageNatives
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            _registered = true;
            // raised on the load context of the assembly that imports the library (a kernel may load #r assemblies into its own)
            var contexts = new[] { AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(typeof(Microsoft.ML.Trainers.FastTree.FastTreeRegressionTrainer).Assembly),
                AssemblyLoadContext.GetLoadContext(typeof(PackageNatives).Assembly) };
            foreach (var context in contexts.OfType<AssemblyLoadContext>().Distinct()) context.ResolvingUnmanagedDll += Resolve;
        }
    }

    private static nint Resolve(Assembly assembly, string name)
    {
        var file = OperatingSystem.IsWindows() ? name + ".dll"
            : (name.StartsWith("lib", StringComparison.Ordinal) ? name : "lib" + name) + (OperatingSystem.IsMacOS() ? ".dylib" : ".so");
        return Find(file) is { } path && NativeLibrary.TryLoad(path, out var handle) ? handle : 0;
    }

    /// <summary>The native <paramref name="file"/> beside this assembly or in its package's <c>runtimes/&lt;rid&gt;/native</c> folder, or null.</summary>
    public static string? Find(string file)
    {
        var folder = Path.GetDirectoryName(typeof(PackageNatives).Assembly.Location);
        if (string.IsNullOrEmpty(folder)) return null;
        var rid = OperatingSystem.IsWindows() ? "win-x64"
            : OperatingSystem.IsMacOS() ? (RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "osx-arm64" : "osx-x64")
            : RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        return new[] { Path.Combine(folder, file), Path.Combine(folder, "runtimes", rid, "native", file) }.FirstOrDefault(File.Exists);
    }
}
