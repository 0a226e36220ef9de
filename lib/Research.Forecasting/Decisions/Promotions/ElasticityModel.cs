namespace Research.Forecasting.Decisions.Promotions;

/// <summary>The fitted price regressions of every brand (<see cref="PriceElasticity.Fit"/>).</summary>
public sealed class ElasticityModel
{
    private readonly Dictionary<int, BrandRegression> _brands;

    internal ElasticityModel(ElasticityOptions options, IReadOnlyList<BrandRegression> brands)
    {
        Options = options;
        Brands = brands;
        _brands = brands.ToDictionary(b => b.Brand);
    }

    /// <summary>The options the model was fitted with.</summary>
    public ElasticityOptions Options { get; }

    /// <summary>The brands' regressions, by ascending brand.</summary>
    public IReadOnlyList<BrandRegression> Brands { get; }

    /// <summary>The regression of <paramref name="brand"/>.</summary>
    public BrandRegression this[int brand] =>
        _brands.TryGetValue(brand, out var b) ? b : throw new KeyNotFoundException($"brand {brand} was not fitted");

    /// <summary>Own-price elasticity of every brand with its interval at the options' level.</summary>
    public IReadOnlyList<Elasticity> OwnElasticities() => Brands.Select(b => b.Elasticity(b.Brand, Options.Level)).ToArray();

    /// <summary>Every elasticity: rows brand (units), columns price brand.</summary>
    public IReadOnlyList<Elasticity> AllElasticities() =>
        Brands.SelectMany(b => Enumerable.Range(1, Datasets.OrangeJuice.Brands).Select(p => b.Elasticity(p, Options.Level))).ToArray();

    /// <summary>
    /// The linear predictor (expected log units) of <paramref name="brand"/> in <paramref name="store"/> for the given
    /// prices (all 11 brands, dollars per ounce as in the data), deal and feat flags.
    /// </summary>
    public double LogUnits(int brand, string store, IReadOnlyList<double> prices, double deal, double feat)
    {
        var b = this[brand];
        if (prices.Count != Datasets.OrangeJuice.Brands)
            throw new ArgumentException($"{prices.Count} prices; give all {Datasets.OrangeJuice.Brands} brands' prices", nameof(prices));
        if (!b.StoreLevels.Contains(store)) throw new KeyNotFoundException($"store {store} is not in brand {brand}'s fit");
        var eta = b["const"] + b["deal"] * deal + b["feat"] * feat;
        for (var j = 0; j < prices.Count; j++)
        {
            if (!(prices[j] > 0)) throw new ArgumentOutOfRangeException(nameof(prices), prices[j], $"price{j + 1} must be positive");
            eta += b[$"logprice{j + 1}"] * Math.Log(prices[j]);
        }
        if (Options.StoreEffects && store != b.StoreLevels[0]) eta += b[$"store_{store}"];
        return eta;
    }

    /// <summary>
    /// Expected units under the log-normal model: <c>E[q] = exp(x'b + s^2/2)</c> (the mean of a log-normal whose log
    /// has mean <c>x'b</c> and variance <c>s^2</c>; Duan's smearing under normal errors).
    /// </summary>
    public double ExpectedUnits(int brand, string store, IReadOnlyList<double> prices, double deal, double feat) =>
        Math.Exp(LogUnits(brand, store, prices, deal, feat) + this[brand].Sigma2 / 2);

    /// <summary>
    /// What-if: expected units and revenue of <paramref name="plan"/>'s brand in its store for each planned week
    /// (revenue = units x own price x <see cref="PricePlan.UnitSize"/>).
    /// </summary>
    public WhatIfResult WhatIf(PricePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var weeks = plan.Weeks.Select(w =>
        {
            var units = ExpectedUnits(plan.Brand, plan.Store, w.Prices, w.Deal ? 1 : 0, w.Feat ? 1 : 0);
            return new WhatIfWeek(w.Week, w.Prices[plan.Brand - 1], w.Deal, w.Feat, units, units * w.Prices[plan.Brand - 1] * plan.UnitSize);
        }).ToArray();
        return new WhatIfResult(plan.Brand, plan.Store, weeks, weeks.Sum(w => w.Units), weeks.Sum(w => w.Revenue));
    }
}
