namespace Research.Forecasting.Decisions.Promotions;

/// <summary>
/// A promotion's uplift on held-out periods: the model's forecast of the promoted periods with the promotion as it
/// ran (<see cref="With"/>) minus the same model's forecast with the promotion switched off (<see cref="Without"/>).
/// </summary>
/// <param name="Dataset">Data set.</param>
/// <param name="Promotion">The promotion variable(s) switched off.</param>
/// <param name="Method">Model and how the interval was obtained.</param>
/// <param name="Periods">Held-out series-periods with the promotion on.</param>
/// <param name="Actual">Observed units (or sales) of those periods.</param>
/// <param name="With">Forecast with the promotion.</param>
/// <param name="Without">Forecast without it.</param>
/// <param name="Low">Lower bound of <see cref="Percent"/>'s interval.</param>
/// <param name="High">Upper bound.</param>
/// <param name="Level">Level of the interval.</param>
/// <param name="Groups">Per group (brand or store): periods, with, without.</param>
public sealed record UpliftEstimate(
    string Dataset, string Promotion, string Method, int Periods, double Actual, double With, double Without,
    double Low, double High, double Level, IReadOnlyList<UpliftGroup> Groups)
{
    /// <summary>Units added by the promotion: <c>With - Without</c>.</summary>
    public double Uplift => With - Without;

    /// <summary>Relative uplift in percent: <c>100 (With - Without) / Without</c>.</summary>
    public double Percent => 100 * (With - Without) / Without;
}

/// <summary>One group's share of an uplift (a brand of orange juice, a Rossmann store).</summary>
public sealed record UpliftGroup(string Group, int Periods, double Actual, double With, double Without)
{
    /// <summary>Relative uplift in percent.</summary>
    public double Percent => Without > 0 ? 100 * (With - Without) / Without : double.NaN;
}

/// <summary>Options of the uplift estimates.</summary>
public sealed record UpliftOptions
{
    /// <summary>Draws of the interval (parametric for orange juice, bootstrap over stores for Rossmann).</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Seed of the draws.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Level of the percentile interval.</summary>
    public double Level { get; init; } = 0.95;
}
