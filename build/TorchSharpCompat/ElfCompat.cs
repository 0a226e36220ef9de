// TorchSharp on an older libstdc++ (Debian 12: GCC 12, GLIBCXX_3.4.30). Compiled by MSBuild's RoslynCodeTaskFactory from
// TorchSharpCompat.targets, and into tests/Research.Forecasting.Neural.Tests (with TORCHSHARP_COMPAT_TESTS, without the task).
//
// TorchSharp 0.107.0's libLibTorchSharp.so was linked with GCC 13, so it records a need for libstdc++'s version
// GLIBCXX_3.4.32. The only symbol it takes from that version is std::ios_base_library_init() (_ZSt21ios_base_library_initv),
// which GCC 13's <iostream> references (through `.globl`, no relocation) instead of placing a static std::ios_base::Init
// object in every translation unit: since GCC 13 libstdc++ itself initialises cout/cin/cerr. On GCC 12's libstdc++ the
// dynamic loader refuses the whole library ("version `GLIBCXX_3.4.32' not found") although nothing would call that function.
//
// The patch, applied to a copy of the library in obj/ (the NuGet cache is never touched):
//  1. the GLIBCXX_3.4.32 entry of .gnu.version_r gets VER_FLG_WEAK, so a missing version is no longer fatal (glibc's
//     _dl_check_map_versions only reports weak versions under LD_WARN);
//  2. the symbol's .gnu.version entry becomes 1 (VER_NDX_GLOBAL: an unversioned reference), so that, should anything ever
//     look it up, any definition binds;
//  3. a DT_NEEDED entry names a shim (ios_base_library_init.cpp compiled with the machine's g++) that defines the function;
//     compiled by GCC 12, that translation unit includes <iostream> and so carries the static std::ios_base::Init object,
//     which restores what the function stands for: the standard streams are initialised before the library runs. The
//     dynamic section has spare DT_NULL slots; the name goes where the DT_RUNPATH string's dead tail was (the runpath keeps
//     its first entry, $ORIGIN/; the rest are paths of TorchSharp's CI machine such as /__w/1/s/bin/obj/...).
// Only libstdc++ versions are handled, and only when every symbol of each missing version is one the shim defines; anything
// else is an error naming the versions and symbols, never a silent half-fix.
// MSBuild compiles this file against netstandard2.0 (no spans, no File.Move overwrite, no ProcessStartInfo.ArgumentList).
#nullable enable
#pragma warning disable IDE0005 // the usings are needed where MSBuild compiles this file (no implicit usings there)
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace TorchSharpCompat;

/// <summary>What <see cref="ElfCompat.Patch"/> found and did.</summary>
public sealed class PatchResult
{
    public PatchResult(byte[]? patched, IReadOnlyList<string> missingVersions, IReadOnlyList<string> shimmedSymbols)
    {
        Patched = patched;
        MissingVersions = missingVersions;
        ShimmedSymbols = shimmedSymbols;
    }

    /// <summary>The patched file, or null when nothing was missing (use the original).</summary>
    public byte[]? Patched { get; }

    public IReadOnlyList<string> MissingVersions { get; }

    public IReadOnlyList<string> ShimmedSymbols { get; }
}

/// <summary>Reads and patches the version needs of an ELF64 little-endian shared library (x86-64 Linux).</summary>
public static class ElfCompat
{
    /// <summary>The library whose version needs are checked.</summary>
    public const string StdCxx = "libstdc++.so.6";

    /// <summary>File name of the compiled shim, placed beside the patched library.</summary>
    public const string ShimFileName = "libTorchSharpStdcxxCompat.so";

    /// <summary>Symbols the shim defines.</summary>
    public static readonly string[] ShimSymbols = { "_ZSt21ios_base_library_initv" };

    private const uint ShtDynamic = 6, ShtDynsym = 11, ShtRela = 4, ShtVerdef = 0x6ffffffd, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;
    private const long DtNull = 0, DtNeeded = 1, DtSoname = 14, DtRpath = 15, DtRunpath = 29;
    private const ushort VerFlgWeak = 2, VerNdxGlobal = 1;

    /// <summary>Version names a library defines (its .gnu.version_d), e.g. libstdc++'s GLIBCXX_3.4 .. GLIBCXX_3.4.30.</summary>
    public static ISet<string> DefinedVersions(byte[] elf)
    {
        var f = new Elf(elf);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var verdef = f.Section(ShtVerdef);
        if (verdef is null) return result;
        var strtab = f.Sections[(int)verdef.Link];
        long at = verdef.Offset;
        while (true)
        {
            var cnt = f.U16(at + 6);
            var aux = at + f.U32(at + 12);
            if (cnt > 0) result.Add(f.Str(strtab, f.U32(aux)));
            var next = f.U32(at + 16);
            if (next == 0) break;
            at += next;
        }
        return result;
    }

    /// <summary>Versions of <paramref name="library"/> that <paramref name="elf"/> needs (its .gnu.version_r).</summary>
    public static IReadOnlyList<string> NeededVersions(byte[] elf, string library)
    {
        var f = new Elf(elf);
        return f.Needs().Where(n => n.File == library).Select(n => n.Name).ToArray();
    }

    /// <summary>DT_NEEDED names of <paramref name="elf"/>, in order.</summary>
    public static IReadOnlyList<string> Needed(byte[] elf)
    {
        var f = new Elf(elf);
        var dynstr = f.Sections[(int)f.Section(ShtDynamic)!.Link];
        return f.Dynamic().Where(d => d.Tag == DtNeeded).Select(d => f.Str(dynstr, d.Value)).ToArray();
    }

    /// <summary>The DT_RUNPATH (or DT_RPATH) string, or null.</summary>
    public static string? RunPath(byte[] elf)
    {
        var f = new Elf(elf);
        var dynstr = f.Sections[(int)f.Section(ShtDynamic)!.Link];
        var e = f.Dynamic().Where(d => d.Tag == DtRunpath || d.Tag == DtRpath).Select(d => (long?)d.Value).FirstOrDefault();
        return e is null ? null : f.Str(dynstr, e.Value);
    }

    /// <summary>Flags of the version need <paramref name="version"/> of <paramref name="library"/> (2 = weak).</summary>
    public static ushort NeedFlags(byte[] elf, string library, string version) =>
        new Elf(elf).Needs().Single(n => n.File == library && n.Name == version).Flags;

    /// <summary>The .gnu.version index of a dynamic symbol (1 = unversioned), by name.</summary>
    public static ushort SymbolVersionIndex(byte[] elf, string symbol)
    {
        var f = new Elf(elf);
        var dynsym = f.Section(ShtDynsym)!;
        var versym = f.Section(ShtVersym)!;
        var strtab = f.Sections[(int)dynsym.Link];
        for (var i = 0; i < dynsym.Size / 24; i++)
            if (f.Str(strtab, f.U32(dynsym.Offset + i * 24)) == symbol) return f.U16(versym.Offset + 2 * i);
        throw new ArgumentException("no dynamic symbol " + symbol, nameof(symbol));
    }

    /// <summary>
    /// Patches <paramref name="elf"/> so it loads with a <paramref name="library"/> that defines only
    /// <paramref name="available"/> versions (see the comment at the top of this file). Returns a result whose
    /// <see cref="PatchResult.Patched"/> is null when no needed version is missing. Throws <see cref="InvalidDataException"/>
    /// when a missing version carries a symbol the shim does not define, or the file has no room for the DT_NEEDED entry.
    /// </summary>
    public static PatchResult Patch(byte[] elf, string library, ISet<string> available, string shimFileName)
    {
        var f = new Elf(elf);
        var missing = f.Needs().Where(n => n.File == library && !available.Contains(n.Name)).ToArray();
        if (missing.Length == 0) return new PatchResult(null, Array.Empty<string>(), Array.Empty<string>());

        var dynsym = f.Section(ShtDynsym) ?? throw new InvalidDataException("no .dynsym");
        var versym = f.Section(ShtVersym) ?? throw new InvalidDataException("no .gnu.version");
        var symstr = f.Sections[(int)dynsym.Link];
        var symbols = (int)(dynsym.Size / 24);

        var shimmed = new List<(int Index, string Name)>();
        var unsupported = new List<string>();
        foreach (var need in missing)
            for (var i = 0; i < symbols; i++)
            {
                if ((f.U16(versym.Offset + 2 * i) & 0x7fff) != need.Index) continue;
                var name = f.Str(symstr, f.U32(dynsym.Offset + i * 24));
                if (Array.IndexOf(ShimSymbols, name) >= 0) shimmed.Add((i, name));
                else unsupported.Add(name + "@" + need.Name);
            }
        if (unsupported.Count > 0)
            throw new InvalidDataException($"needs {string.Join(", ", missing.Select(m => m.Name))} of {library}, which this machine's copy lacks, for symbols the compatibility shim does not define: {string.Join(", ", unsupported)}");

        var patched = (byte[])elf.Clone();
        var p = new Elf(patched);
        // 1. missing versions become weak needs
        foreach (var need in missing) p.W16(need.AuxOffset + 4, (ushort)(need.Flags | VerFlgWeak));
        // 2. their symbols become unversioned references
        foreach (var s in shimmed) p.W16(versym.Offset + 2 * s.Index, VerNdxGlobal);
        // 3. DT_NEEDED of the shim, its name written over the dead tail of the runpath string
        AddNeeded(p, shimFileName);
        return new PatchResult(patched, missing.Select(m => m.Name).ToArray(), shimmed.Select(s => s.Name).ToArray());
    }

    private static void AddNeeded(Elf p, string name)
    {
        var dynamic = p.Section(ShtDynamic) ?? throw new InvalidDataException("no .dynamic");
        var dynstr = p.Sections[(int)dynamic.Link];
        var entries = p.Dynamic();
        var used = entries.Count; // entries before the first DT_NULL
        if ((used + 2) * 16 > dynamic.Size)
            throw new InvalidDataException($"the dynamic section has no spare DT_NULL slot ({used} entries in {dynamic.Size / 16})");
        var runpath = entries.FirstOrDefault(e => e.Tag == DtRunpath || e.Tag == DtRpath);
        if (runpath.Tag == DtNull) throw new InvalidDataException("no DT_RUNPATH string to place the shim's name in");
        var text = p.Str(dynstr, runpath.Value);
        var first = text.Split(':')[0];
        if (!first.StartsWith("$ORIGIN", StringComparison.Ordinal))
            throw new InvalidDataException($"the runpath '{text}' does not start with $ORIGIN; the shim beside the library would not be found");
        var nameBytes = Encoding.ASCII.GetBytes(name);
        var keep = Encoding.ASCII.GetByteCount(first);
        if (keep + 1 + nameBytes.Length > Encoding.ASCII.GetByteCount(text))
            throw new InvalidDataException($"the runpath '{text}' is too short to hold the shim's name {name}");

        // nothing else may point into the part of the string being overwritten
        long from = runpath.Value + keep, to = runpath.Value + Encoding.ASCII.GetByteCount(text);
        foreach (var r in p.StringReferences(dynamic))
            if (r > from && r <= to) throw new InvalidDataException($"a string reference ({r}) points into the runpath's tail; not patching");

        var at = dynstr.Offset + runpath.Value + keep;
        p.Data[at] = 0;
        Array.Copy(nameBytes, 0, p.Data, at + 1, nameBytes.Length);
        p.Data[at + 1 + nameBytes.Length] = 0;
        var slot = dynamic.Offset + used * 16;
        p.W64(slot, DtNeeded);
        p.W64(slot + 8, runpath.Value + keep + 1);
        // slot used + 1 stays DT_NULL (checked above)
    }

    private sealed class Section
    {
        public uint Type;
        public long Offset;
        public long Size;
        public uint Link;
    }

    private readonly struct Need
    {
        public Need(string file, string name, ushort flags, ushort index, long auxOffset)
        {
            File = file;
            Name = name;
            Flags = flags;
            Index = index;
            AuxOffset = auxOffset;
        }

        public string File { get; }
        public string Name { get; }
        public ushort Flags { get; }
        public ushort Index { get; }
        public long AuxOffset { get; }
    }

    private readonly struct DynEntry
    {
        public DynEntry(long tag, long value)
        {
            Tag = tag;
            Value = value;
        }

        public long Tag { get; }
        public long Value { get; }
    }

    private sealed class Elf
    {
        public Elf(byte[] data)
        {
            Data = data;
            if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (data[4] != 2 || data[5] != 1) throw new InvalidDataException("not a 64-bit little-endian ELF file");
            var shoff = (long)U64(0x28);
            var shentsize = U16(0x3a);
            var shnum = U16(0x3c);
            Sections = new List<Section>();
            for (var i = 0; i < shnum; i++)
            {
                var h = shoff + (long)i * shentsize;
                Sections.Add(new Section { Type = U32(h + 4), Offset = (long)U64(h + 24), Size = (long)U64(h + 32), Link = U32(h + 40) });
            }
        }

        public byte[] Data { get; }

        public List<Section> Sections { get; }

        public Section? Section(uint type) => Sections.FirstOrDefault(s => s.Type == type);

        public ushort U16(long at) => (ushort)(Data[at] | Data[at + 1] << 8);

        public uint U32(long at) => (uint)(U16(at) | U16(at + 2) << 16);

        public ulong U64(long at) => U32(at) | (ulong)U32(at + 4) << 32;

        public void W16(long at, ushort v)
        {
            Data[at] = (byte)v;
            Data[at + 1] = (byte)(v >> 8);
        }

        public void W64(long at, long v)
        {
            for (var k = 0; k < 8; k++) Data[at + k] = (byte)(v >> (8 * k));
        }

        public string Str(Section strtab, long offset)
        {
            var start = strtab.Offset + offset;
            var end = start;
            while (Data[end] != 0) end++;
            return Encoding.ASCII.GetString(Data, (int)start, (int)(end - start));
        }

        /// <summary>Entries of .dynamic before the first DT_NULL.</summary>
        public List<DynEntry> Dynamic()
        {
            var d = Section(ShtDynamic) ?? throw new InvalidDataException("no .dynamic");
            var list = new List<DynEntry>();
            for (long at = d.Offset; at < d.Offset + d.Size; at += 16)
            {
                var tag = (long)U64(at);
                if (tag == DtNull) break;
                list.Add(new DynEntry(tag, (long)U64(at + 8)));
            }
            return list;
        }

        public List<Need> Needs()
        {
            var result = new List<Need>();
            var verneed = Section(ShtVerneed);
            if (verneed is null) return result;
            var strtab = Sections[(int)verneed.Link];
            long at = verneed.Offset;
            while (true)
            {
                var cnt = U16(at + 2);
                var file = Str(strtab, U32(at + 4));
                var aux = at + U32(at + 8);
                for (var k = 0; k < cnt; k++)
                {
                    result.Add(new Need(file, Str(strtab, U32(aux + 8)), U16(aux + 4), U16(aux + 6), aux));
                    var nextAux = U32(aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                var next = U32(at + 12);
                if (next == 0) break;
                at += next;
            }
            return result;
        }

        /// <summary>Every offset into the dynamic string table held by symbols, version records and dynamic entries.</summary>
        public IEnumerable<long> StringReferences(Section dynamic)
        {
            var dynstrIndex = dynamic.Link;
            var dynsym = Section(ShtDynsym);
            if (dynsym is not null && dynsym.Link == dynstrIndex)
                for (var i = 0; i < dynsym.Size / 24; i++) yield return U32(dynsym.Offset + i * 24);
            var verneed = Section(ShtVerneed);
            if (verneed is not null && verneed.Link == dynstrIndex)
            {
                long at = verneed.Offset;
                while (true)
                {
                    yield return U32(at + 4);
                    var aux = at + U32(at + 8);
                    for (var k = 0; k < U16(at + 2); k++)
                    {
                        yield return U32(aux + 8);
                        var nextAux = U32(aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    var next = U32(at + 12);
                    if (next == 0) break;
                    at += next;
                }
            }
            var verdef = Section(ShtVerdef);
            if (verdef is not null && verdef.Link == dynstrIndex)
            {
                long at = verdef.Offset;
                while (true)
                {
                    var aux = at + U32(at + 12);
                    for (var k = 0; k < U16(at + 6); k++)
                    {
                        yield return U32(aux);
                        var nextAux = U32(aux + 4);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    var next = U32(at + 16);
                    if (next == 0) break;
                    at += next;
                }
            }
            foreach (var e in Dynamic())
                if (e.Tag == DtNeeded || e.Tag == DtSoname || e.Tag == DtRpath || e.Tag == DtRunpath) yield return e.Value;
        }
    }
}

#if !TORCHSHARP_COMPAT_TESTS
/// <summary>
/// MSBuild task: when the libstdc++ this machine's .NET processes load lacks a version libLibTorchSharp.so needs, writes
/// the patched library and the compiled shim to <see cref="OutputDirectory"/> and returns both; otherwise returns nothing.
/// </summary>
public sealed class TorchSharpCompatPatch : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required]
    public string Source { get; set; } = "";

    [Microsoft.Build.Framework.Required]
    public string OutputDirectory { get; set; } = "";

    [Microsoft.Build.Framework.Required]
    public string ShimSource { get; set; } = "";

    public string Compiler { get; set; } = "g++";

    /// <summary>The libstdc++ to check against; by default the one loaded by this (dotnet) process.</summary>
    public string StdCxxPath { get; set; } = "";

    [Microsoft.Build.Framework.Output]
    public string PatchedLibrary { get; set; } = "";

    [Microsoft.Build.Framework.Output]
    public string Shim { get; set; } = "";

    public override bool Execute()
    {
        var stdcxx = StdCxxPath.Length > 0 ? StdCxxPath : FindStdCxx();
        if (stdcxx is null)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "TorchSharp compat: no libstdc++.so.6 found; nothing to check");
            return true;
        }
        var source = File.ReadAllBytes(Source);
        PatchResult result;
        try
        {
            result = ElfCompat.Patch(source, ElfCompat.StdCxx, ElfCompat.DefinedVersions(File.ReadAllBytes(stdcxx)), ElfCompat.ShimFileName);
        }
        catch (InvalidDataException e)
        {
            Log.LogError($"TorchSharp compat: {Source} cannot be made to load with {stdcxx}: {e.Message}");
            return false;
        }
        if (result.Patched is null)
        {
            Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, $"TorchSharp compat: {stdcxx} has every version {Path.GetFileName(Source)} needs; no patch");
            return true;
        }

        Directory.CreateDirectory(OutputDirectory);
        var patched = Path.Combine(OutputDirectory, Path.GetFileName(Source));
        var shim = Path.Combine(OutputDirectory, ElfCompat.ShimFileName);
        if (!File.Exists(patched) || !File.ReadAllBytes(patched).SequenceEqual(result.Patched))
            WriteAtomically(patched, result.Patched);
        if (!File.Exists(shim) || File.GetLastWriteTimeUtc(shim) < File.GetLastWriteTimeUtc(ShimSource))
        {
            var tmp = shim + ".tmp";
            if (!Compile(tmp)) return false;
            MoveOver(tmp, shim);
        }
        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
            $"TorchSharp compat: {stdcxx} lacks {string.Join(", ", result.MissingVersions)}; patched {Path.GetFileName(Source)} (weak need, unversioned {string.Join(", ", result.ShimmedSymbols)}, DT_NEEDED {ElfCompat.ShimFileName})");
        PatchedLibrary = patched;
        Shim = shim;
        return true;
    }

    private bool Compile(string output)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(Compiler)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.Arguments = $"-shared -fPIC -O2 -o \"{output}\" \"{ShimSource}\"";
        try
        {
            using var p = System.Diagnostics.Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 0) return true;
            Log.LogError($"TorchSharp compat: {Compiler} failed on {ShimSource} (exit {p.ExitCode}): {err.Result}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Log.LogError($"TorchSharp compat: this machine's libstdc++ is older than the one TorchSharp's native library was built against, and the C++ compiler '{Compiler}' that builds the compatibility shim could not be run ({e.Message}). Install it (Debian/Ubuntu: apt-get install g++) and build again.");
        }
        return false;
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, bytes);
        MoveOver(tmp, path);
    }

    /// <summary>Renames <paramref name="tmp"/> onto <paramref name="path"/> (rename(2): readers see the old or the new file).</summary>
    private static void MoveOver(string tmp, string path)
    {
        if (File.Exists(path)) File.Replace(tmp, path, null);
        else File.Move(tmp, path);
    }

    /// <summary>The libstdc++.so.6 mapped into this process (the dotnet host links it), else the usual system places.</summary>
    private static string? FindStdCxx()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                // the mapped file is the real one (libstdc++.so.6.0.30), not the soname link
                var i = line.IndexOf('/');
                if (i >= 0 && Path.GetFileName(line.Substring(i)).StartsWith(ElfCompat.StdCxx, StringComparison.Ordinal)) return line.Substring(i);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        foreach (var dir in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" })
        {
            var path = Path.Combine(dir, ElfCompat.StdCxx);
            if (File.Exists(path)) return path;
        }
        return null;
    }
}
#endif
