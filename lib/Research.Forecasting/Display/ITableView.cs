namespace Research.Forecasting.Display;

/// <summary>A value that displays as a table (carry <see cref="TypeFormatterSourceAttribute"/> with <see cref="TableFormatterSource"/>).</summary>
public interface ITableView
{
    /// <summary>The table as displayed: column names and the text of each shown cell.</summary>
    TableView ToTableView();
}
