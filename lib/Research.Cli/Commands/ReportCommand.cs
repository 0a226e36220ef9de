using System.CommandLine;
using Research.Cli.Infrastructure;
using Research.Notebooks.Report;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research report</c>: the executed notebooks and their named results as a static site.</summary>
public static class ReportCommand
{
    /// <summary>Where <c>npm ci</c> (package.json at the repository root) puts plotly.js.</summary>
    public static readonly string DefaultPlotly = Path.Combine("node_modules", "plotly.js-dist-min", "plotly.min.js");

    public static Command Create()
    {
        var notebooks = new Option<string[]>("--notebooks") { Description = "Executed notebooks or folders of them.", DefaultValueFactory = _ => [Path.Combine("artifacts", "notebooks")] };
        var results = new Option<string?>("--results") { Description = "Named results shown on the index (default: those recorded in each notebook)." };
        var output = new Option<string>("--out") { Description = "The site's folder (replaced as a whole).", DefaultValueFactory = _ => Path.Combine("artifacts", "report") };
        var plotly = new Option<string?>("--plotly") { Description = $"plotly.js to bundle (default {DefaultPlotly}, installed by npm ci); 'none' for SVG only." };
        var command = new Command("report", "Turn executed notebooks into a static site (index plus a page per notebook) that works offline.")
        {
            notebooks, results, output, plotly,
        };
        command.SetAction(r =>
        {
            var script = r.GetValue(plotly) switch
            {
                "none" => null,
                null => File.Exists(DefaultPlotly) ? DefaultPlotly : null,
                var path => path,
            };
            if (script is null && r.GetValue(plotly) is null)
                Console.Error.WriteLine($"note: {DefaultPlotly} is not installed (npm ci): charts show as SVG only");
            if (script is not null && !File.Exists(script)) throw new UsageException("--plotly", script, "no such file (npm ci installs plotly.js-dist-min)");
            foreach (var path in r.GetValue(notebooks)!)
                if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException("--notebooks", path, "no executed notebook or folder there (run research notebooks run first)");
            {
                var pages = ReportBuilder.Build(new ReportOptions
                {
                    Notebooks = r.GetValue(notebooks)!,
                    ResultsDirectory = r.GetValue(results),
                    OutputDirectory = r.GetValue(output)!,
                    PlotlyScript = script,
                });
                Terminal.Out.WriteLine($"report: {pages.Count} pages in {r.GetValue(output)} (open {Path.Combine(r.GetValue(output)!, "index.html")})");
                return ExitCodes.Success;
            }
        });
        return command;
    }
}
