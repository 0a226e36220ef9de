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
        Write(sb, value, 0);
        return sb.ToString();
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

    /// <summary>The module version ids of the loaded assemblies whose names start with <c>Research.</c> (this repository's code).</summary>
    public static string CodeBuild() =>
        string.Join(',', AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Research.", StringComparison.Ordinal) == true && !a.IsDynamic)
            .Select(a => $"{a.GetName().Name}={a.ManifestModule.ModuleVersionId:N}")
            .Order(StringComparer.Ordinal));

    private static void Write(StringBuilder sb, object? value, int depth)
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
        if (value is IEnumerable items)
        {
            sb.Append('[');
            var first = true;
            foreach (var item in items)
            {
                if (!first) sb.Append(',');
                Write(sb, item, depth + 1);
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
            Write(sb, v, depth + 1);
            sb.Append(';');
        }
        sb.Append('}');
    }
}
