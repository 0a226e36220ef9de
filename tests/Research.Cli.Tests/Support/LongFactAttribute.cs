namespace Research.Cli.Tests.Support;

/// <summary>A test that takes more than about a minute: skipped unless <c>RESEARCH_LONG_TESTS=1</c>.</summary>
public sealed class LongFactAttribute : FactAttribute
{
    public const string Variable = "RESEARCH_LONG_TESTS";

    public LongFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = $"long-running: set {Variable}=1 to run it";
    }
}
