namespace Research.Forecasting.Features;

/// <summary>One row to compute: series (index in the panel), origin (last period whose target is known) and forecast period.</summary>
public readonly record struct FeatureRequest(int Series, long Origin, long Time);
