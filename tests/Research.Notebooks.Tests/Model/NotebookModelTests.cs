using Research.Notebooks.Model;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Model;

public sealed class NotebookModelTests
{
    public static TheoryData<string> VsCodeNotebooks() => new()
    {
        Repo.Path("tests", "Research.Notebooks.Tests", "Fixtures", "vscode-polyglot-variable-sharing.ipynb"),
        Repo.Path("notebooks", "01-data-cleaning.ipynb"),
        Repo.Path("notebooks", "03-arima.ipynb"),
        Repo.Path("notebooks", "07-promotions-pricing.ipynb"),
    };

    [Theory]
    [MemberData(nameof(VsCodeNotebooks))]
    public void A_VS_Code_notebook_is_written_back_byte_for_byte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var notebook = Notebook.Load(path);
        Assert.Equal(bytes, System.Text.Encoding.UTF8.GetBytes(notebook.ToJson()));
    }

    [Fact]
    public void Unknown_metadata_survives_and_the_cells_are_read()
    {
        var notebook = Notebook.Load(Repo.Path("tests", "Research.Notebooks.Tests", "Fixtures", "vscode-polyglot-variable-sharing.ipynb"));
        Assert.Equal(24, notebook.Cells.Count);
        Assert.Equal("fsharp", notebook.Cells[2].Language);
        Assert.Equal("#!csharp\nvar x = \"C# subkernel value\";\nx", notebook.Cells[1].Source);
        Assert.Equal("polyglot-notebook", notebook.Cells[1].Metadata["vscode"]!["languageId"]!.GetValue<string>());
        Assert.Equal(KernelLanguage.CSharp, notebook.DefaultLanguage);
    }

    [Theory]
    [InlineData("""{"polyglot_notebook": {"kernelInfo": {"defaultKernelName": "fsharp", "items": []}}}""", "fsharp")]
    [InlineData("""{"kernelInfo": {"defaultKernelName": "csharp", "items": []}}""", "csharp")]
    [InlineData("""{"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}}""", "csharp")]
    [InlineData("""{"kernelspec": {"name": ".net-fsharp"}}""", "fsharp")]
    public void The_three_metadata_shapes_give_the_default_language(string metadata, string language)
    {
        var notebook = Notebook.Parse($$"""{"cells": [], "metadata": {{metadata}}, "nbformat": 4, "nbformat_minor": 5}""");
        Assert.Equal(language, notebook.DefaultLanguage);
    }

    [Fact]
    public void Ids_are_added_only_where_missing_or_invalid_and_are_unique()
    {
        var notebook = Notebook.Parse("""
            {"cells": [
              {"cell_type": "code", "id": "keepme", "metadata": {}, "outputs": [], "execution_count": null, "source": "1"},
              {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": "2"},
              {"cell_type": "code", "id": "keepme", "metadata": {}, "outputs": [], "execution_count": null, "source": "3"},
              {"cell_type": "markdown", "id": "not valid!", "metadata": {}, "source": "x"}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
            """);
        Assert.Equal(3, notebook.EnsureCellIds());
        var ids = notebook.Cells.Select(c => c.Id!).ToArray();
        Assert.Equal("keepme", ids[0]);
        Assert.All(ids.Skip(1), id => Assert.Matches("^[0-9a-f]{8}$", id));
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(5, notebook.Root["nbformat_minor"]!.GetValue<int>());
        // deterministic: the same notebook gets the same ids
        var again = Notebook.Parse(notebook.ToJson());
        Assert.Equal(0, again.EnsureCellIds());
    }

    [Fact]
    public void Strings_are_escaped_like_JSON_stringify_and_numbers_keep_their_spelling()
    {
        var json = "{\"a\": \"tab\\tquote\\\"nl\\n\\u0001 é ✓ 😀 </script>\", \"b\": 1.50, \"c\": 1e-7, \"d\": [], \"e\": {}}";
        var written = JupyterJson.Write(JupyterJson.Parse(json, "x"));
        Assert.Equal("{\n \"a\": \"tab\\tquote\\\"nl\\n\\u0001 é ✓ 😀 </script>\",\n \"b\": 1.5,\n \"c\": 1e-7,\n \"d\": [],\n \"e\": {}\n}\n", written);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(100.0, "100")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(-0.0, "0")]
    [InlineData(5.795743029614709e-06, "0.000005795743029614709")]   // node -p 5.795743029614709e-06
    [InlineData(1e-7, "1e-7")]
    [InlineData(-2.5e-8, "-2.5e-8")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1.2345e22, "1.2345e+22")]
    [InlineData(0.000123, "0.000123")]
    [InlineData(42.125, "42.125")]
    [InlineData(double.NaN, "null")]
    public void Doubles_are_written_as_JavaScript_writes_them(double value, string expected) =>
        Assert.Equal(expected, JupyterJson.FormatNumber(value));

    [Fact]
    public void Every_double_is_spelled_as_JavaScript_spells_it()
    {
        // tests/reference/js_numbers.js (Node.js 20): String(x) for 1,020 doubles, edge cases, random bit patterns and decimals
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "Research.Notebooks.Tests", "Fixtures", "js_numbers.json")));
        var wrong = doc.RootElement.EnumerateArray()
            .Select(e => (Value: BitConverter.UInt64BitsToDouble(Convert.ToUInt64(e[0].GetString(), 16)), Js: e[1].GetString()!))
            .Where(c => JupyterJson.FormatNumber(c.Value) != c.Js)
            .Select(c => $"{c.Value:R}: JS {c.Js}, ours {JupyterJson.FormatNumber(c.Value)}").ToArray();
        Assert.True(doc.RootElement.GetArrayLength() == 1020 && wrong.Length == 0, string.Join("\n", wrong.Take(10)));
    }

    [Fact]
    public void Source_lines_keep_their_newlines()
    {
        var lines = NotebookCell.ToSourceLines("a\nb\n\nc");
        Assert.Equal(["a\n", "b\n", "\n", "c"], lines.Select(l => l!.GetValue<string>()));
        Assert.Empty(NotebookCell.ToSourceLines(""));
    }

    [Fact]
    public void Invalid_json_names_the_file_and_line()
    {
        var e = Assert.Throws<FormatException>(() => Notebook.Parse("{\n \"cells\": [,]\n}", "bad.ipynb"));
        Assert.StartsWith("bad.ipynb: not valid JSON at line 2", e.Message, StringComparison.Ordinal);
    }
}
