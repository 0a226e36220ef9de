using Spectre.Console;

namespace Research.Cli.Infrastructure;

/// <summary>Where output goes: rich (tables, progress) on an interactive terminal, plain and quiet in CI logs.</summary>
public static class Terminal
{
    /// <summary>True under CI (<c>CI=true</c>) or when output is redirected: no progress bars, no colours.</summary>
    public static bool Plain { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Console.IsOutputRedirected;

    /// <summary>Tables and progress; writes to whatever <see cref="Console.Out"/> is at the time (tests redirect it).</summary>
    public static IAnsiConsole Out { get; } = Create();

    /// <summary>One plain line of text on standard output, never wrapped (summaries, paths).</summary>
    public static void Line(string text) => Console.Out.WriteLine(text);

    private static IAnsiConsole Create()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = Plain ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(new CurrentConsoleOut()),
        });
        // in logs, wide tables beat tables squeezed into 80 columns
        if (Plain) console.Profile.Width = 160;
        return console;
    }

    /// <summary>A writer that forwards to the current <see cref="Console.Out"/>.</summary>
    private sealed class CurrentConsoleOut : TextWriter
    {
        public override System.Text.Encoding Encoding => Console.Out.Encoding;

        public override void Write(char value) => Console.Out.Write(value);

        public override void Write(string? value) => Console.Out.Write(value);

        public override void Write(char[] buffer, int index, int count) => Console.Out.Write(buffer, index, count);

        public override void WriteLine(string? value) => Console.Out.WriteLine(value);

        public override void Flush() => Console.Out.Flush();
    }

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
