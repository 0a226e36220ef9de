namespace Research.Forecasting.Evaluation;

/// <summary>A metric kernel: one number from paired actual and forecast values (see <see cref="Metrics"/>).</summary>
public delegate double MetricFunction(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast);
