using TorchSharpCompat;

namespace Research.Forecasting.Neural.Tests.Compat;

/// <summary>
/// The TorchSharp compatibility patch (build/TorchSharpCompat/ElfCompat.cs) on the real libLibTorchSharp.so of the
/// TorchSharp 0.107.0 package, and the library the build put beside the tests.
/// </summary>
public class ElfCompatTests
{
    private const string Ios = "_ZSt21ios_base_library_initv";

    /// <summary>libstdc++ of GCC 12 (Debian 12): GLIBCXX_3.4 .. GLIBCXX_3.4.30, CXXABI_1.3 .. CXXABI_1.3.13.</summary>
    private static readonly HashSet<string> Gcc12 =
    [
        .. Enumerable.Range(0, 31).Select(i => i == 0 ? "GLIBCXX_3.4" : $"GLIBCXX_3.4.{i}"),
        .. Enumerable.Range(0, 14).Select(i => i == 0 ? "CXXABI_1.3" : $"CXXABI_1.3.{i}"),
    ];

    private static byte[] Package()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return File.ReadAllBytes(Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
    }

    [Fact]
    public void The_package_library_needs_GLIBCXX_3_4_32_for_ios_base_library_init_only()
    {
        var elf = Package();
        Assert.Contains("GLIBCXX_3.4.32", ElfCompat.NeededVersions(elf, ElfCompat.StdCxx));
        var result = ElfCompat.Patch(elf, ElfCompat.StdCxx, Gcc12, ElfCompat.ShimFileName);
        Assert.Equal(["GLIBCXX_3.4.32"], result.MissingVersions);
        Assert.Equal([Ios], result.ShimmedSymbols);
    }

    [Fact]
    public void The_patch_makes_the_need_weak_the_symbol_unversioned_and_adds_the_shim_after_the_original_needs()
    {
        var elf = Package();
        var patched = ElfCompat.Patch(elf, ElfCompat.StdCxx, Gcc12, ElfCompat.ShimFileName).Patched!;
        Assert.Equal(elf.Length, patched.Length);
        Assert.Equal(0, ElfCompat.NeedFlags(elf, ElfCompat.StdCxx, "GLIBCXX_3.4.32"));
        Assert.Equal(2, ElfCompat.NeedFlags(patched, ElfCompat.StdCxx, "GLIBCXX_3.4.32")); // VER_FLG_WEAK
        Assert.NotEqual(1, ElfCompat.SymbolVersionIndex(elf, Ios));
        Assert.Equal(1, ElfCompat.SymbolVersionIndex(patched, Ios)); // VER_NDX_GLOBAL
        Assert.Equal([.. ElfCompat.Needed(elf), ElfCompat.ShimFileName], ElfCompat.Needed(patched));
        Assert.StartsWith("$ORIGIN/:", ElfCompat.RunPath(elf), StringComparison.Ordinal);
        Assert.Equal("$ORIGIN/", ElfCompat.RunPath(patched));
        // nothing else changed: every other version need keeps its flags
        foreach (var v in ElfCompat.NeededVersions(elf, ElfCompat.StdCxx).Where(v => v != "GLIBCXX_3.4.32"))
            Assert.Equal(ElfCompat.NeedFlags(elf, ElfCompat.StdCxx, v), ElfCompat.NeedFlags(patched, ElfCompat.StdCxx, v));
        var changed = Enumerable.Range(0, elf.Length).Count(i => elf[i] != patched[i]);
        Assert.InRange(changed, 20, 64); // flags, one versym, one dynamic entry, the shim's name
    }

    [Fact]
    public void Nothing_is_patched_where_libstdcxx_has_every_version()
    {
        var all = new HashSet<string>(Gcc12) { "GLIBCXX_3.4.31", "GLIBCXX_3.4.32", "GLIBCXX_3.4.33" };
        var result = ElfCompat.Patch(Package(), ElfCompat.StdCxx, all, ElfCompat.ShimFileName);
        Assert.Null(result.Patched);
        Assert.Empty(result.MissingVersions);
    }

    [Fact]
    public void A_missing_version_whose_symbols_the_shim_does_not_define_is_an_error_naming_them()
    {
        var older = new HashSet<string>(Gcc12.Where(v => v != "GLIBCXX_3.4.30"));
        var e = Assert.Throws<InvalidDataException>(() => ElfCompat.Patch(Package(), ElfCompat.StdCxx, older, ElfCompat.ShimFileName));
        Assert.Contains("GLIBCXX_3.4.30", e.Message);
        Assert.Contains("@GLIBCXX_3.4.30", e.Message);
    }

    [Fact]
    public void The_library_beside_the_tests_is_the_patched_one_exactly_when_this_machine_needs_it()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        var built = File.ReadAllBytes(Path.Combine(dir, "libLibTorchSharp.so"));
        var stdcxx = new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64" }
            .Select(d => Path.Combine(d, ElfCompat.StdCxx)).First(File.Exists);
        var needed = ElfCompat.Patch(Package(), ElfCompat.StdCxx, ElfCompat.DefinedVersions(File.ReadAllBytes(stdcxx)), ElfCompat.ShimFileName).Patched;
        Assert.Equal(needed ?? Package(), built);
        Assert.Equal(needed is not null, File.Exists(Path.Combine(dir, ElfCompat.ShimFileName)));
    }
}
