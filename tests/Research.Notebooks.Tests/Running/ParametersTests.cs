using System.Text.Json.Nodes;
using Research.Notebooks.Running;
using Research.Notebooks.Model;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Running;

public sealed class ParametersTests : IDisposable
{
    private readonly TestNotebook _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Overrides_are_injected_after_the_parameters_cell_as_assignments()
    {
        var nb = Notebook.Load(_files.Write("p.ipynb", "## title", "params:var rounds = 10;\nvar name = \"oj\";\ndouble alpha = 0.5, beta = 1;", "Console.WriteLine(rounds);"));
        Assert.Equal(["rounds", "name", "alpha", "beta"], Parameters.Declared(nb));
        Parameters.Inject(nb, new Dictionary<string, JsonNode?> { ["rounds"] = 2, ["name"] = "a \"quoted\" name", ["alpha"] = 0.25 });
        var injected = nb.Cells[2];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Equal("// Injected parameters\nalpha = 0.25;\nname = \"a \\\"quoted\\\" name\";\nrounds = 2;", injected.Source);
        Assert.Matches("^[0-9a-f]{8}$", injected.Id!);
        Assert.Equal("Console.WriteLine(rounds);", nb.Cells[3].Source);
    }

    [Fact]
    public void An_unknown_parameter_is_an_error_listing_the_declared_ones()
    {
        var nb = Notebook.Load(_files.Write("p.ipynb", "params:var rounds = 10;"));
        var e = Assert.Throws<ArgumentException>(() => Parameters.Inject(nb, new Dictionary<string, JsonNode?> { ["round"] = 2 }));
        Assert.Contains("unknown parameter 'round'; the parameters cell declares: rounds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_without_a_parameters_cell_are_an_error()
    {
        var nb = Notebook.Load(_files.Write("p.ipynb", "var rounds = 10;"));
        Assert.Throws<ArgumentException>(() => Parameters.Inject(nb, new Dictionary<string, JsonNode?> { ["rounds"] = 2 }));
    }

    [Theory]
    [InlineData("rounds=3", "3")]
    [InlineData("alpha=0.125", "0.125")]
    [InlineData("flag=true", "true")]
    [InlineData("name=oj", "\"oj\"")]
    [InlineData("name=\"o=j\"", "\"o=j\"")]
    [InlineData("models=[\"a\",\"b\"]", "[\"a\", \"b\"]")]
    public void Command_line_values_are_JSON_or_else_strings(string assignment, string literal)
    {
        var kv = Parameters.ParseAssignment(assignment);
        Assert.Equal(literal, Parameters.Literal(kv.Value, kv.Key));
    }
}
