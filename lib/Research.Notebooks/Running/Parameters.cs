using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Research.Notebooks.Model;

namespace Research.Notebooks.Running;

/// <summary>
/// Notebook parameters, papermill style: the cell tagged <c>parameters</c> declares them with defaults
/// (<c>var horizon = 2;</c>); overrides are injected as assignments in a new cell tagged
/// <c>injected-parameters</c> right after it, so the declared types still apply.
/// </summary>
public static class Parameters
{
    public const string Tag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>Names declared in the notebook's parameters cell, or an empty list when it has none.</summary>
    public static IReadOnlyList<string> Declared(Notebook notebook)
    {
        var cell = notebook.Cells.FirstOrDefault(c => c.IsCode && c.Tags.Contains(Tag));
        if (cell is null) return [];
        var root = CSharpSyntaxTree.ParseText(cell.Source, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetRoot();
        // in a script, top-level declarations parse as fields of the script class (or locals inside statements)
        var fields = root.ChildNodes().OfType<FieldDeclarationSyntax>().SelectMany(f => f.Declaration.Variables);
        var locals = root.ChildNodes().OfType<GlobalStatementSyntax>().Select(g => g.Statement)
            .OfType<LocalDeclarationStatementSyntax>().SelectMany(d => d.Declaration.Variables);
        return fields.Concat(locals).OrderBy(v => v.SpanStart).Select(v => v.Identifier.Text).ToArray();
    }

    /// <summary>
    /// Inserts the overrides after the parameters cell. Throws <see cref="ArgumentException"/> naming the parameter when
    /// the notebook does not declare it, or when there is no parameters cell.
    /// </summary>
    public static void Inject(Notebook notebook, IReadOnlyDictionary<string, JsonNode?> values)
    {
        if (values.Count == 0) return;
        var cell = notebook.Cells.FirstOrDefault(c => c.IsCode && c.Tags.Contains(Tag))
            ?? throw new ArgumentException($"{notebook.Path}: parameters were given ({string.Join(", ", values.Keys)}) but no cell is tagged '{Tag}'");
        var declared = Declared(notebook);
        var code = new StringBuilder("// Injected parameters\n");
        foreach (var (name, value) in values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!declared.Contains(name))
                throw new ArgumentException($"{notebook.Path}: unknown parameter '{name}'; the parameters cell declares: {string.Join(", ", declared)}");
            code.Append(name).Append(" = ").Append(Literal(value, name)).Append(";\n");
        }
        notebook.InsertCodeCell(cell.Index, code.ToString().TrimEnd('\n'), [InjectedTag]);
    }

    /// <summary>Parses <c>Name=value</c>; the value is JSON when it parses as JSON, else a string.</summary>
    public static KeyValuePair<string, JsonNode?> ParseAssignment(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new ArgumentException($"--param '{text}': expected Name=value, e.g. --param rounds=2");
        var name = text[..eq].Trim();
        var raw = text[(eq + 1)..];
        JsonNode? value;
        try { value = JsonNode.Parse(raw); }
        catch (JsonException) { value = JsonValue.Create(raw); }
        return new(name, value);
    }

    /// <summary>A C# literal for a JSON value.</summary>
    public static string Literal(JsonNode? value, string name) => value switch
    {
        null => "null",
        JsonArray a => "[" + string.Join(", ", a.Select(v => Literal(v, name))) + "]",
        JsonObject => throw new ArgumentException($"parameter '{name}': objects are not supported, use numbers, strings, booleans or arrays"),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => SymbolDisplay.FormatLiteral(v.GetValue<string>(), quote: true),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => Number(v),
            _ => "null",
        },
        _ => throw new ArgumentException($"parameter '{name}': unsupported value {value.ToJsonString()}"),
    };

    private static string Number(JsonValue v)
    {
        var raw = v.ToJsonString();
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return raw;
        return double.Parse(raw, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }
}
