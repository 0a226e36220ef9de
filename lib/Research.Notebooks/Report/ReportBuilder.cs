using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Markdig;
using Research.Notebooks.Model;
using Research.Notebooks.Running;

namespace Research.Notebooks.Report;

/// <summary>
/// A static site of executed notebooks: an index (each notebook's title, question and named results) and one page per
/// notebook (markdown rendered, code, outputs). Charts are the library's HTML fragments: the SVG, switched to the
/// interactive Plotly chart when the bundled plotly.js has loaded, so a page reads the same with scripts off. The site
/// has no external reference: it opens from disk, offline.
/// </summary>
public static class ReportBuilder
{
    public const string PlotlyAsset = "assets/plotly.min.js";
    public const string StyleAsset = "assets/report.css";

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Builds the site; returns the pages written (index first).</summary>
    public static IReadOnlyList<string> Build(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var notebooks = NotebookRunner.Expand(options.Notebooks);
        if (notebooks.Count == 0) throw new ArgumentException($"no executed notebooks in {string.Join(", ", options.Notebooks)}");
        if (options.PlotlyScript is { } plotly && !File.Exists(plotly))
            throw new FileNotFoundException($"--plotly: no file {plotly} (run npm ci to install plotly.js-dist-min)", plotly);
        var pages = new List<string> { "index.html" };
        var entries = new List<(string Page, string Title, string Summary, SortedDictionary<string, ResultValue> Results)>();
        var site = StagingFolder(options.OutputDirectory);
        try
        {
            Directory.CreateDirectory(Path.Combine(site, "assets"));
            File.WriteAllText(Path.Combine(site, StyleAsset), Style, Utf8);
            var hasPlotly = options.PlotlyScript is not null;
            if (hasPlotly) File.Copy(options.PlotlyScript!, Path.Combine(site, PlotlyAsset));
            foreach (var path in notebooks)
            {
                var notebook = Notebook.Load(path);
                var name = Path.GetFileNameWithoutExtension(path);
                var page = name + ".html";
                var (title, summary) = Heading(notebook, name);
                File.WriteAllText(Path.Combine(site, page), Page(title, NotebookBody(notebook), hasPlotly, options.Title), Utf8);
                pages.Add(page);
                entries.Add((page, title, summary, Results(notebook, name, options.ResultsDirectory)));
            }
            File.WriteAllText(Path.Combine(site, "index.html"), Page(options.Title, IndexBody(entries), hasPlotly, null), Utf8);
            Swap(site, options.OutputDirectory);
        }
        finally
        {
            if (Directory.Exists(site)) Directory.Delete(site, recursive: true);
        }
        return pages;
    }

    private static readonly UTF8Encoding Utf8 = new(false);

    private static (string Title, string Summary) Heading(Notebook notebook, string fallback)
    {
        var first = notebook.Cells.FirstOrDefault(c => c.CellType == "markdown")?.Source ?? "";
        var lines = first.Split('\n');
        var title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? fallback;
        var question = string.Join('\n', lines.SkipWhile(l => !l.StartsWith("**Question.**", StringComparison.Ordinal)).TakeWhile(l => l.Trim().Length > 0));
        return (title, question);
    }

    private static SortedDictionary<string, ResultValue> Results(Notebook notebook, string name, string? directory)
    {
        var file = directory is null ? null : Path.Combine(directory, name + ".json");
        if (file is not null && File.Exists(file)) return ResultsFile.Read(file);
        var results = new SortedDictionary<string, ResultValue>(StringComparer.Ordinal);
        if (notebook.Metadata["research"]?["results"] is JsonObject recorded)
            foreach (var (key, value) in recorded)
                results[key] = new ResultValue(value!["value"]!.GetValue<double>(), value["tolerance"]!.GetValue<double>());
        return results;
    }

    private static string IndexBody(IEnumerable<(string Page, string Title, string Summary, SortedDictionary<string, ResultValue> Results)> entries)
    {
        var sb = new StringBuilder();
        foreach (var (page, title, summary, results) in entries)
        {
            sb.Append("<section class=\"notebook\"><h2><a href=\"").Append(WebUtility.HtmlEncode(page)).Append("\">")
              .Append(WebUtility.HtmlEncode(title)).Append("</a></h2>\n");
            if (summary.Length > 0) sb.Append(Markdig.Markdown.ToHtml(summary, Markdown));
            if (results.Count > 0)
            {
                sb.Append("<table class=\"research-table\"><thead><tr><th style=\"text-align:left\">named result</th><th style=\"text-align:right\">value</th>"
                          + "<th style=\"text-align:right\">tolerance</th></tr></thead><tbody>");
                foreach (var (key, r) in results)
                    sb.Append("<tr><td style=\"text-align:left\">").Append(WebUtility.HtmlEncode(key)).Append("</td><td style=\"text-align:right\">")
                      .Append(Number(r.Value)).Append("</td><td style=\"text-align:right\">").Append(Number(r.Tolerance)).Append("</td></tr>");
                sb.Append("</tbody></table>\n");
            }
            sb.Append("</section>\n");
        }
        return sb.ToString();
    }

    private static string NotebookBody(Notebook notebook)
    {
        var sb = new StringBuilder();
        foreach (var cell in notebook.Cells)
        {
            if (cell.CellType == "markdown")
            {
                sb.Append("<div class=\"markdown\">").Append(Markdig.Markdown.ToHtml(cell.Source, Markdown)).Append("</div>\n");
                continue;
            }
            if (!cell.IsCode) continue;
            var count = cell.Node["execution_count"]?.GetValue<int>();
            sb.Append("<div class=\"code\"><div class=\"prompt\">[").Append(count?.ToString(CultureInfo.InvariantCulture) ?? " ").Append("]</div><pre><code>")
              .Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre></div>\n");
            foreach (var output in cell.Node["outputs"] as JsonArray ?? [])
                sb.Append(Output(output!.AsObject()));
        }
        return sb.ToString();
    }

    /// <summary>One output: the richest MIME type a page shows (HTML, then SVG, then text); streams and errors as text.</summary>
    private static string Output(JsonObject output)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                return $"<pre class=\"output stream {WebUtility.HtmlEncode(output["name"]?.GetValue<string>() ?? "")}\">{WebUtility.HtmlEncode(Text(output["text"]))}</pre>\n";
            case "error":
                var traceback = string.Join('\n', (output["traceback"] as JsonArray ?? []).Select(t => t!.GetValue<string>()));
                return $"<pre class=\"output error\">{WebUtility.HtmlEncode(output["ename"]?.GetValue<string>() + ": " + output["evalue"]?.GetValue<string>())}\n{WebUtility.HtmlEncode(traceback)}</pre>\n";
        }
        if (output["data"] is not JsonObject data) return "";
        if (data["text/html"] is { } html) return $"<div class=\"output\">{Text(html)}</div>\n";
        if (data["image/svg+xml"] is { } svg) return $"<div class=\"output\">{Text(svg)}</div>\n";
        if (data["text/markdown"] is { } md) return $"<div class=\"output markdown\">{Markdig.Markdown.ToHtml(Text(md), Markdown)}</div>\n";
        if (data["text/plain"] is { } text) return $"<pre class=\"output\">{WebUtility.HtmlEncode(Text(text))}</pre>\n";
        return "";
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => node?.ToJsonString() ?? "",
    };

    /// <summary>A page; a notebook page (<paramref name="site"/> given) links back to the index and takes its heading from the notebook.</summary>
    private static string Page(string title, string body, bool plotly, string? site)
    {
        var top = site is null ? $"<h1>{WebUtility.HtmlEncode(title)}</h1>\n" : $"<nav><a href=\"index.html\">{WebUtility.HtmlEncode(site)}</a></nav>\n";
        var script = plotly ? $"<script src=\"{PlotlyAsset}\"></script>\n" : "";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)}</title>
            <link rel="stylesheet" href="{StyleAsset}">
            {script}</head>
            <body>
            {top}{body}</body>
            </html>

            """;
    }

    private static string Number(double v) => v.ToString("G10", CultureInfo.InvariantCulture);

    private static string StagingFolder(string output)
    {
        var full = Path.GetFullPath(output);
        var staging = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Moves the staged site into place as a unit: the old site is moved aside, the new one renamed, the old one deleted.</summary>
    private static void Swap(string staged, string output)
    {
        var full = Path.GetFullPath(output);
        var old = full + $".{Environment.ProcessId}.old";
        if (Directory.Exists(full)) Directory.Move(full, old);
        Directory.Move(staged, full);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
        nav { font-size: 0.9em; margin-bottom: 1em; }
        pre { background: #f6f8fa; padding: 0.6em; overflow-x: auto; font-size: 0.85em; }
        .code { display: flex; gap: 0.5em; }
        .code pre { flex: 1; margin: 0.4em 0; }
        .prompt { color: #888; font-family: monospace; padding-top: 0.8em; min-width: 3em; text-align: right; }
        .output { margin: 0.4em 0 1em 3.5em; overflow-x: auto; }
        pre.error { background: #fdecea; color: #a00; }
        pre.stderr { background: #fff6e5; }
        table.research-table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
        table.research-table th, table.research-table td { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; }
        section.notebook { margin-bottom: 2em; }
        """;
}
