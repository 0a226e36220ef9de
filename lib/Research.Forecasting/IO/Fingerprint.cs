using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Research.Forecasting.Data;

namespace Research.Forecasting.IO;

/// <summary>
/// Stable digests of what determines a computation: an options object (its type and every public property, recursively,
/// lists item by item), a panel's content (keys, times, target and every covariate) and the builds of the libraries that
/// compute (module version ids), so a cached result is reused only for the same inputs and the same code.
/// </summary>
public static class Fingerprint
{
    private const int MaxDepth = 10;

    /// <summary>A canonical text of <paramref name="value"/>: type name and public properties, recursively, invariant numbers.</summary>
    public static string Describe(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0, null);
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="Describe"/> followed by <see cref="CodeBuild"/> of every type met in <paramref name="value"/> (a wrapped
    /// model's own type too) and of <paramref name="more"/>: what a cached result of <paramref name="value"/> depends on.
    /// </summary>
    public static string DescribeWithCode(object? value, params Type[] more)
    {
        var sb = new StringBuilder();
        var types = new HashSet<Type>(more);
        Write(sb, value, 0, types);
        return sb.Append('\n').Append(CodeBuild([.. types])).ToString();
    }

    /// <summary>SHA-256 (hex) of a panel's content.</summary>
    public static string Of(SeriesPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', [panel.Frequency.ToString(), panel.TargetName,
            .. panel.DynamicColumns.Select(c => c.Name + ":" + string.Join(',', c.Levels ?? [])),
            .. panel.StaticColumns.Select(c => c.Name + ":" + string.Join(',', c.Levels ?? []))]) + "\n"));
        foreach (var s in panel.Series)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(s.Id + "\n"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Time));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Target));
            for (var c = 0; c < panel.DynamicColumns.Count; c++) hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(s.Dynamic(c)));
            for (var c = 0; c < panel.StaticColumns.Count; c++) hash.AppendData(BitConverter.GetBytes(s.Static(c)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The module version ids of the assemblies whose code computes with <paramref name="types"/>: each type's assembly and
    /// every assembly of this repository (names starting with <c>Research.</c>) it references, transitively. Other loaded
    /// assemblies (a notebook's other libraries, its compiled cells) do not count, so two notebooks that load different
    /// model families share the cache entries of the models they have in common.
    /// </summary>
    public static string CodeBuild(params Type[] types)
    {
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>(types.Select(t => t.Assembly).Where(a => a.GetName().Name?.StartsWith("Research.", StringComparison.Ordinal) == true).Distinct());
        while (pending.Count > 0)
        {
            var assembly = pending.Pop();
            var name = assembly.GetName().Name;
            if (name is null || assembly.IsDynamic || seen.ContainsKey(name)) continue;
            seen[name] = assembly.ManifestModule.ModuleVersionId.ToString("N");
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name?.StartsWith("Research.", StringComparison.Ordinal) == true))
            {
                try { pending.Push(Assembly.Load(reference)); }
                catch (IOException) { seen[reference.Name!] = "unresolved"; }
            }
        }
        return string.Join(',', seen.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    private static void Write(StringBuilder sb, object? value, int depth, HashSet<Type>? types)
    {
        switch (value)
        {
            case null: sb.Append("null"); return;
            case string s: sb.Append('"').Append(s.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"'); return;
            case double d: sb.Append(d.ToString("R", CultureInfo.InvariantCulture)); return;
            case float f: sb.Append(f.ToString("R", CultureInfo.InvariantCulture)); return;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal or Enum or DateOnly or DateTime or TimeSpan:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture)); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case Delegate del: sb.Append("delegate:").Append(del.Method.DeclaringType?.FullName).Append('.').Append(del.Method.Name); return;
            case Type t: sb.Append("type:").Append(t.FullName); return;
        }
        if (depth > MaxDepth) { sb.Append('…'); return; }
        var type = value.GetType();
        types?.Add(type);
        if (value is IEnumerable items)
        {
            sb.Append('[');
            var first = true;
            foreach (var item in items)
            {
                if (!first) sb.Append(',');
                Write(sb, item, depth + 1, types);
                first = false;
            }
            sb.Append(']');
            return;
        }
        sb.Append(type.FullName).Append('{');
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (p.Name == "EqualityContract") continue;
            sb.Append(p.Name).Append('=');
            object? v;
            try { v = p.GetValue(value); }
            catch (TargetInvocationException) { v = "<error>"; }
            Write(sb, v, depth + 1, types);
            sb.Append(';');
        }
        sb.Append('}');
    }
}
