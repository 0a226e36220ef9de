using Research.Cli.Infrastructure;
using Research.Forecasting.Data;

namespace Research.Cli.Tests.Commands;

/// <summary>The one error convention every verb shares: one line, exit 2 for usage and input errors, 1 for failed runs.</summary>
public sealed class CliErrorsTests
{
    private static (int Code, string Text) Report(Exception e)
    {
        var w = new StringWriter { NewLine = "\n" };
        return (CliErrors.Report(e, w), w.ToString());
    }

    [Fact]
    public void Usage_and_input_errors_exit_2_with_their_message()
    {
        Assert.Equal((2, "error: --rounds 50: too many\n"), Report(new UsageException("--rounds", "50", "too many")));
        Assert.Equal((2, "error: paths: no notebook at x.ipynb\n"), Report(new UsageException("paths", "no notebook at x.ipynb")));
        Assert.Equal((2, "error: f.csv, line 3, column 2 (date): bad\n"), Report(new DataFormatException("f.csv", 3, 2, "date", "bad")));
        Assert.Equal((2, "error: series 1 has a gap\n"), Report(new PanelException("series 1 has a gap")));
        Assert.Equal((2, "error: x.csv: file not found\n"), Report(new FileNotFoundException("x.csv: file not found")));
    }

    [Fact]
    public void Anything_else_is_a_failed_run_exit_1_on_one_line_without_a_stack_trace()
    {
        Exception thrown;
        try { throw new InvalidOperationException("boom\nsecond line"); }
        catch (InvalidOperationException e) { thrown = e; }
        Assert.Equal((1, "error: InvalidOperationException: boom second line\n"), Report(thrown));
        Assert.Equal((1, "error: R timing failed (exit code 1): oops\n"), Report(new RunFailedException("R timing failed (exit code 1): oops")));
        Assert.Equal((2, "error: --x: y\n"), Report(new AggregateException(new UsageException("--x", "y"))));
    }
}
