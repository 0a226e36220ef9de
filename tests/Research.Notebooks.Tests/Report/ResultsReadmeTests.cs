using Research.Notebooks.Report;
using Research.Notebooks.Running;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Report;

public sealed class ResultsReadmeTests
{
    [Fact]
    public void The_readme_results_section_is_what_results_full_generates()
    {
        var readme = File.ReadAllText(Repo.Path("README.md"));
        Assert.True(readme == ResultsReadme.Update(readme, Repo.Path("results", "full"), label: "results/full"),
            "README.md's results section differs from results/full: run dotnet run --project lib/Research.Cli -c Release -- results readme");
    }

    [Theory]
    [InlineData(71.41403, 0.02, "71.414")]
    [InlineData(69.88727784, 1e-6, "69.8872778")]
    [InlineData(4334, 0, "4334")]
    [InlineData(0.86090, 0.005, "0.8609")]
    public void A_value_shows_the_digits_its_tolerance_resolves(double value, double tolerance, string shown) =>
        Assert.Equal(shown, ResultsReadme.Value(new ResultValue(value, tolerance)));
}
