using Research.Forecasting.Data;

namespace Research.Forecasting.Cleaning;

/// <summary>A cleaning step: a pure function from a panel to a new panel and a report of what changed.</summary>
public interface ICleaningStep
{
    /// <summary>Short name used in reports.</summary>
    string Name { get; }

    CleaningResult Apply(SeriesPanel panel);
}

/// <summary>A panel after cleaning, with the report of every step applied so far.</summary>
public sealed record CleaningResult(SeriesPanel Panel, CleaningReport Report)
{
    /// <summary>Applies one more step, appending its report.</summary>
    public CleaningResult Then(ICleaningStep step)
    {
        var next = step.Apply(Panel);
        return new CleaningResult(next.Panel, Report.Concat(next.Report));
    }
}
