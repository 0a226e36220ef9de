using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Research.Notebooks.Kernel;

/// <summary>
/// <c>#!time</c>: after the cell, a <c>Wall time: ...ms</c> display, as the dotnet-interactive app's magic command writes
/// it (that directive lives in the app's Jupyter assembly, which is not published as a package).
/// </summary>
public static class TimeDirective
{
    public const string Name = "#!time";

    public static T UseTimeDirective<T>(this T kernel) where T : Microsoft.DotNet.Interactive.Kernel
    {
        kernel.AddDirective(new KernelActionDirective(Name) { Description = "Time the execution of the cell" }, Measure);
        return kernel;
    }

    private static Task Measure(KernelCommand command, KernelInvocationContext context)
    {
        var timer = Stopwatch.StartNew();
        context.OnComplete(done =>
        {
            var elapsed = timer.Elapsed;
            done.Publish(new DisplayedValueProduced(elapsed, context.Command,
                [new FormattedValue(PlainTextFormatter.MimeType, string.Create(CultureInfo.InvariantCulture, $"Wall time: {elapsed.TotalMilliseconds}ms"))]));
        });
        return Task.CompletedTask;
    }
}
