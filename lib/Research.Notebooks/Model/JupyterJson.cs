using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Research.Notebooks.Model;

/// <summary>
/// Reads and writes notebook JSON exactly as VS Code (and nbformat) write it: object keys sorted by ordinal
/// (recursively), one space of indentation per level, <c>JSON.stringify</c> string escaping (only quotes,
/// backslashes and control characters are escaped; other characters are written as they are), numbers kept
/// in their original spelling, empty arrays and objects as <c>[]</c> and <c>{}</c>, and a trailing newline.
/// </summary>
public static class JupyterJson
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses notebook JSON; duplicate keys are an error (as nbformat's strict check treats them).</summary>
    public static JsonObject Parse(string json, string source)
    {
        try
        {
            return JsonNode.Parse(json, NodeOptions, DocumentOptions) as JsonObject
                ?? throw new FormatException($"{source}: a notebook must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="node"/> the way VS Code saves a notebook.</summary>
    public static string Write(JsonNode node)
    {
        var sb = new StringBuilder();
        WriteNode(sb, node, 0);
        sb.Append('\n');
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0) { sb.Append("{}"); break; }
                sb.Append("{\n");
                var keys = obj.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();
                for (var i = 0; i < keys.Length; i++)
                {
                    sb.Append(' ', depth + 1);
                    WriteString(sb, keys[i]);
                    sb.Append(": ");
                    WriteNode(sb, obj[keys[i]], depth + 1);
                    if (i < keys.Length - 1) sb.Append(',');
                    sb.Append('\n');
                }
                sb.Append(' ', depth).Append('}');
                break;
            case JsonArray arr:
                if (arr.Count == 0) { sb.Append("[]"); break; }
                sb.Append("[\n");
                for (var i = 0; i < arr.Count; i++)
                {
                    sb.Append(' ', depth + 1);
                    WriteNode(sb, arr[i], depth + 1);
                    if (i < arr.Count - 1) sb.Append(',');
                    sb.Append('\n');
                }
                sb.Append(' ', depth).Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: WriteString(sb, element.GetString()!); return;
                // spelled as VS Code's JSON.stringify spells it (a VS Code-saved file already is)
                case JsonValueKind.Number: sb.Append(FormatNumber(element.GetDouble())); return;
                case JsonValueKind.True: sb.Append("true"); return;
                case JsonValueKind.False: sb.Append("false"); return;
                case JsonValueKind.Null: sb.Append("null"); return;
            }
        }
        if (value.TryGetValue<string>(out var s)) { WriteString(sb, s); return; }
        if (value.TryGetValue<bool>(out var b)) { sb.Append(b ? "true" : "false"); return; }
        if (value.TryGetValue<int>(out var i)) { sb.Append(i.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<long>(out var l)) { sb.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
        if (value.TryGetValue<double>(out var d)) { sb.Append(FormatNumber(d)); return; }
        // anything else: let System.Text.Json decide, then re-read as an element
        WriteValue(sb, JsonValue.Create(JsonSerializer.SerializeToElement(value))!);
    }

    /// <summary>
    /// A double as JavaScript's <c>Number.prototype.toString</c> writes it, which is how VS Code's <c>JSON.stringify</c>
    /// spells every number of a notebook it saves (ECMA-262 Number::toString): the shortest digits that round-trip,
    /// plain decimals for 1e-7 &lt; |x| &lt; 1e21 and otherwise <c>d.ddde±n</c>; <c>-0</c> as <c>0</c>; NaN and
    /// infinities as <c>null</c>.
    /// </summary>
    public static string FormatNumber(double d)
    {
        if (!double.IsFinite(d)) return "null";
        if (d == 0) return "0";
        if (d < 0) return "-" + FormatNumber(-d);
        // shortest round-trip digits from .NET ("R"), as digits d1..dk and n with x = 0.d1..dk * 10^n
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? mantissa.Length : point;
        var all = mantissa.Replace(".", "", StringComparison.Ordinal);
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        var k = digits.Length;
        var n = whole - leading + exponent;
        if (k <= n && n <= 21) return digits + new string('0', n - k);
        if (0 < n && n <= 21) return digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return "0." + new string('0', -n) + digits;
        var shown = n - 1;
        var sign = shown < 0 ? "-" : "+";
        return (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + sign + Math.Abs(shown).ToString(CultureInfo.InvariantCulture);
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                             && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1])))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); // lone surrogate, as well-formed JSON.stringify
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
