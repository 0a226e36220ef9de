namespace Research.Forecasting.Cleaning;

/// <summary>What <see cref="Outliers"/> does with an outlier.</summary>
public enum OutlierAction
{
    /// <summary>Keep the value; mark the row in a 0/1 dynamic column.</summary>
    Flag,
    /// <summary>Replace the value by the nearest acceptable bound (fit ± threshold x scale).</summary>
    Cap,
    /// <summary>Replace the value by NaN.</summary>
    SetMissing,
}
