namespace Research.Forecasting.Evaluation;

/// <summary>The result of <see cref="DieboldMariano.Test"/>.</summary>
/// <param name="Statistic">The Harvey-Leybourne-Newbold corrected DM statistic (R's <c>DM</c>); negative when method 1 has the smaller mean loss.</param>
/// <param name="PValue">P-value from Student's t with <c>N − 1</c> degrees of freedom for <see cref="Alternative"/>.</param>
/// <param name="Alternative">The alternative hypothesis.</param>
/// <param name="Horizon">The horizon <c>h</c> used: the requested one, or 1 when the lag <c>h − 1</c> variance estimate was not positive and the test fell back to <c>h = 1</c> (as R does, with a warning).</param>
/// <param name="Power">The loss power: 1 for absolute, 2 for squared errors.</param>
/// <param name="N">Number of periods (length of the error series).</param>
public sealed record DieboldMarianoResult(double Statistic, double PValue, Alternative Alternative, int Horizon, int Power, int N);
