namespace Research.Forecasting.Charts;

/// <summary>A colour at a position 0..1 of a <see cref="ColorScale"/>.</summary>
public readonly record struct ColorStop(double Position, string Color);
