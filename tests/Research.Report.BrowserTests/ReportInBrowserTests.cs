using Microsoft.Playwright;
using Research.Notebooks.Report;

namespace Research.Report.BrowserTests;

/// <summary>
/// The report site in a real browser: Debian's Chromium, headless, driven by Playwright. Every page loads without a
/// console error, every chart is drawn by the bundled plotly.js, and with scripts off every chart still shows as SVG.
/// Screenshots of the index and the benchmark page go to <c>artifacts/report-screenshots/</c> for a reader to look at.
/// </summary>
public sealed class ReportInBrowserTests : IAsyncLifetime
{
    /// <summary>Executed notebooks: the CI's notebooks stage writes them here.</summary>
    private static readonly string Notebooks = Environment.GetEnvironmentVariable("RESEARCH_EXECUTED_NOTEBOOKS") ?? Repo.Path("artifacts", "notebooks");

    private static readonly string Chromium = Environment.GetEnvironmentVariable("RESEARCH_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly string _site = Directory.CreateTempSubdirectory("research-report-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"no Chromium at {Chromium}: apt-get install chromium (or set RESEARCH_CHROMIUM)");
        Assert.True(Directory.Exists(Notebooks) && Directory.EnumerateFiles(Notebooks, "*.ipynb").Any(),
            $"no executed notebooks in {Notebooks}: run research notebooks run first (or set RESEARCH_EXECUTED_NOTEBOOKS)");
        var plotly = Repo.Path("node_modules", "plotly.js-dist-min", "plotly.min.js");
        Assert.True(File.Exists(plotly), $"no {plotly}: run npm ci at the repository root");
        ReportBuilder.Build(new ReportOptions { Notebooks = [Notebooks], OutputDirectory = Path.Combine(_site, "report"), PlotlyScript = plotly });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // as root in a closed network: no sandbox, no GPU, no background connections
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        Directory.Delete(_site, recursive: true);
    }

    private string[] Pages() => Directory.GetFiles(Path.Combine(_site, "report"), "*.html").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task Every_page_loads_without_console_errors_and_every_chart_is_drawn_by_plotly()
    {
        var pages = Pages();
        Assert.Contains(pages, p => Path.GetFileName(p) == "index.html");
        var screenshots = Directory.CreateDirectory(Repo.Path("artifacts", "report-screenshots")).FullName;
        var charts = 0;
        foreach (var page in pages)
        {
            var tab = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
            var errors = new List<string>();
            tab.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            tab.PageError += (_, e) => errors.Add(e);
            await tab.GotoAsync(new Uri(page).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
            var count = await tab.Locator(".rf-chart").CountAsync();
            // each chart swaps its SVG for a Plotly plot once drawn
            await tab.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('.rf-chart')].every(c => c.querySelector('.js-plotly-plot .main-svg') && c.querySelector('.rf-chart-static').style.display === 'none')",
                null, new PageWaitForFunctionOptions { Timeout = 120_000 });
            Assert.True(errors.Count == 0, $"{Path.GetFileName(page)}: {string.Join(" | ", errors)}");
            charts += count;
            var name = Path.GetFileNameWithoutExtension(page);
            if (name is "index" or "03-arima" or "06-comparison")
                await tab.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name + ".png"), FullPage = true });
            await tab.CloseAsync();
        }
        Assert.True(charts > 0, "the executed notebooks have no charts");
    }

    [Fact]
    public async Task With_scripts_off_every_chart_shows_as_svg()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        foreach (var page in Pages().Where(p => Path.GetFileName(p) != "index.html"))
        {
            var tab = await context.NewPageAsync();
            await tab.GotoAsync(new Uri(page).AbsoluteUri, new PageGotoOptions { Timeout = 120_000 });
            var charts = await tab.Locator(".rf-chart").CountAsync();
            Assert.Equal(charts, await tab.Locator(".rf-chart .rf-chart-static svg").CountAsync());
            Assert.Equal(0, await tab.Locator(".js-plotly-plot").CountAsync());
            await tab.CloseAsync();
        }
        await context.CloseAsync();
    }
}

internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Research.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Research.sln not found above " + AppContext.BaseDirectory);
    }
}
