using System.Globalization;
using System.Net;

namespace Research.Forecasting.Charts;

/// <summary>
/// HTML for a figure that shows without network access: the static SVG, the Plotly figure in a
/// <c>&lt;script type="application/json"&gt;</c>, and a small script that swaps in the interactive chart when
/// <c>window.Plotly</c> is present (and leaves the SVG otherwise, or if Plotly fails).
/// </summary>
internal static class HtmlWriter
{
    public static string Fragment(string id, string svg, string plotlyJson, int width) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            <div class="rf-chart" id="{{id}}" style="max-width:100%;width:{{width}}px">
            <div class="rf-chart-static">
            {{svg.TrimEnd()}}
            </div>
            <script type="application/json" class="rf-chart-plotly">{{plotlyJson}}</script>
            <script>
            (function () {
              var root = (document.currentScript && document.currentScript.parentNode) || document.getElementById("{{id}}");
              if (!root || !window.Plotly) return;
              try {
                var fig = JSON.parse(root.querySelector("script.rf-chart-plotly").textContent);
                var target = document.createElement("div");
                root.appendChild(target);
                window.Plotly.newPlot(target, fig.data, fig.layout, { responsive: true }).then(function () {
                  root.querySelector(".rf-chart-static").style.display = "none";
                });
              } catch (e) { }
            })();
            </script>
            </div>

            """);

    /// <summary>A complete page around <paramref name="fragment"/>; <paramref name="plotlyScript"/> (a URL or path of plotly.js) is loaded first if given.</summary>
    public static string Document(string? title, string fragment, string? plotlyScript)
    {
        var script = plotlyScript is null ? "" : $"<script src=\"{WebUtility.HtmlEncode(plotlyScript)}\"></script>\n";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(title ?? "chart")}</title>
            {script}</head>
            <body>
            {fragment.TrimEnd()}
            </body>
            </html>

            """;
    }
}
