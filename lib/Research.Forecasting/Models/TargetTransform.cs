namespace Research.Forecasting.Models;

/// <summary>A transform of the target applied before fitting and undone on the forecasts.</summary>
public enum TargetTransform
{
    None,
    /// <summary><c>log y</c>; forecasts are <c>exp</c> of the model's (no bias adjustment: the median, not the mean).</summary>
    Log,
    /// <summary><c>log(1 + y)</c>, for series with zeros.</summary>
    Log1p,
}

public static class TargetTransforms
{
    public static double Apply(this TargetTransform t, double y) => t switch
    {
        TargetTransform.Log => Math.Log(y),
        TargetTransform.Log1p => Math.Log(1 + y),
        _ => y,
    };

    public static double Invert(this TargetTransform t, double z) => t switch
    {
        TargetTransform.Log => Math.Exp(z),
        TargetTransform.Log1p => Math.Exp(z) - 1,
        _ => z,
    };
}
