namespace Research.Forecasting.Display;

/// <summary>Formatters of every <see cref="ITableView"/>: a compact HTML table and an aligned text table.</summary>
public sealed class TableFormatterSource
{
    public IEnumerable<TextFormatter> CreateTypeFormatters() =>
    [
        new(MimeTypes.Html, v => ((ITableView)v).ToTableView().ToHtml()),
        new(MimeTypes.PlainText, v => ((ITableView)v).ToTableView().ToText()),
    ];
}
