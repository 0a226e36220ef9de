namespace Research.Forecasting.Decisions.Promotions;

/// <summary>A planned price and promotion calendar for one brand in one store (input of <see cref="ElasticityModel.WhatIf"/>).</summary>
/// <param name="Brand">Brand planned (1..11).</param>
/// <param name="Store">Store (as in the data's <c>store</c> key).</param>
/// <param name="Weeks">The planned weeks.</param>
public sealed record PricePlan(int Brand, string Store, IReadOnlyList<PlannedWeek> Weeks)
{
    /// <summary>Multiplier from the data's price to the price of one unit (1: revenue in the data's price units).</summary>
    public double UnitSize { get; init; } = 1.0;
}

/// <summary>One planned week: every brand's price (11 values, index b-1 for brand b), in-store deal and feature ad.</summary>
public sealed record PlannedWeek(long Week, IReadOnlyList<double> Prices, bool Deal, bool Feat);

/// <summary>Expected units and revenue of one planned week.</summary>
public sealed record WhatIfWeek(long Week, double OwnPrice, bool Deal, bool Feat, double Units, double Revenue);

/// <summary>Result of a what-if: the weeks and their totals.</summary>
public sealed record WhatIfResult(int Brand, string Store, IReadOnlyList<WhatIfWeek> Weeks, double TotalUnits, double TotalRevenue);
