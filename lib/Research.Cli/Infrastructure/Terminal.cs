using Spectre.Console;

namespace Research.Cli.Infrastructure;

/// <summary>Where output goes: rich (tables, progress) on an interactive terminal, plain and quiet in CI logs.</summary>
public static class Terminal
{
    /// <summary>True under CI (<c>CI=true</c>) or when output is redirected: no progress bars, no colours.</summary>
    public static bool Plain { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Console.IsOutputRedirected;

    public static IAnsiConsole Out { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = Plain ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = Plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Interactive = Plain ? InteractionSupport.No : InteractionSupport.Detect,
    });

    /// <summary>Runs <paramref name="work"/> with a progress bar on a terminal; in plain mode just runs it.</summary>
    public static T Progress<T>(string title, int total, Func<Action<int>, T> work)
    {
        if (Plain) return work(_ => { });
        T result = default!;
        Out.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: total);
                result = work(n => task.Increment(n));
            });
        return result;
    }
}
