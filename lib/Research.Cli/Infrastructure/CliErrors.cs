using Research.Forecasting.Data;

namespace Research.Cli.Infrastructure;

/// <summary>
/// Exit codes of every verb: 0 success, 1 a run that failed (a bug, a crashed child, a reference that errored while
/// running), 2 a usage or input error (a bad option, a bad data file) found before or while reading the inputs.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>
/// A usage or input error that names the option (or argument) at fault, e.g. <c>--rounds 50: the data allows at most
/// 8 rounds ...</c>. Thrown by any verb; <see cref="CliErrors.Report"/> prints it as one line and exits with
/// <see cref="ExitCodes.Usage"/>. Validate options before any work, so this comes before minutes of computing.
/// </summary>
public sealed class UsageException : Exception
{
    /// <param name="option">The option as typed on the command line (<c>--rounds</c>) or the argument's name.</param>
    /// <param name="value">The value given, or null when the problem is not about one value.</param>
    /// <param name="problem">What is wrong and what would be right.</param>
    public UsageException(string option, string? value, string problem)
        : base(value is null ? $"{option}: {problem}" : $"{option} {value}: {problem}")
    {
        Option = option;
        Value = value;
        Problem = problem;
    }

    public UsageException(string option, string problem) : this(option, null, problem) { }

    public string Option { get; }

    public string? Value { get; }

    public string Problem { get; }
}

/// <summary>
/// A run that failed for a reason outside the inputs the user gave (a reference tool that errors while running, a
/// child process that crashes): one line with the message, exit code <see cref="ExitCodes.Failure"/>.
/// </summary>
public sealed class RunFailedException(string message) : Exception(message);

/// <summary>
/// The one mapping from exceptions to an error line and an exit code, used by <see cref="Program"/> around every verb:
/// one line <c>error: ...</c> on standard error, no stack trace (set <c>RESEARCH_TRACE=1</c> to get one).
/// Usage and input errors (<see cref="UsageException"/>, <see cref="DataFormatException"/>, <see cref="PanelException"/>,
/// a missing input file) exit with 2; anything else is a failed run and exits with 1.
/// </summary>
public static class CliErrors
{
    /// <summary>The environment variable that adds the stack trace to the error line.</summary>
    public const string TraceVariable = "RESEARCH_TRACE";

    /// <summary>Whether an exception is a usage or input error (exit 2) rather than a failed run (exit 1).</summary>
    public static bool IsUsageOrInput(Exception e) =>
        e is UsageException or DataFormatException or PanelException or FileNotFoundException or DirectoryNotFoundException
            or Research.Forecasting.Backtesting.ProtocolException;

    /// <summary>Prints one error line for <paramref name="e"/> and returns the exit code.</summary>
    public static int Report(Exception e, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(error);
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        var usage = IsUsageOrInput(e);
        var message = OneLine(e.Message);
        error.WriteLine(usage || e is RunFailedException ? $"error: {message}" : $"error: {e.GetType().Name}: {message}");
        if (string.Equals(Environment.GetEnvironmentVariable(TraceVariable), "1", StringComparison.Ordinal)) error.WriteLine(e.ToString());
        return usage ? ExitCodes.Usage : ExitCodes.Failure;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
