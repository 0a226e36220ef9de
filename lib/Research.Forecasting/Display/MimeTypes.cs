namespace Research.Forecasting.Display;

/// <summary>The MIME types library values display in.</summary>
public static class MimeTypes
{
    /// <summary>A Plotly figure object; VS Code's and JupyterLab's renderers draw it without a CDN.</summary>
    public const string Plotly = "application/vnd.plotly.v1+json";

    /// <summary>A standalone SVG drawing (GitHub, nbconvert, anything without scripts).</summary>
    public const string Svg = "image/svg+xml";

    public const string Html = "text/html";

    public const string PlainText = "text/plain";

    /// <summary>What a figure displays as, richest first.</summary>
    public static readonly string[] Figure = [Plotly, Svg, Html, PlainText];

    /// <summary>What a table displays as.</summary>
    public static readonly string[] Table = [Html, PlainText];
}
