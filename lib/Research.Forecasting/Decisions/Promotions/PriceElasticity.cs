using Research.Forecasting.Data;
using Research.Forecasting.Statistics;

namespace Research.Forecasting.Decisions.Promotions;

/// <summary>
/// Own- and cross-price elasticities of orange juice per brand: one OLS regression per brand of log units on the log
/// prices of all brands, deal, feat and store fixed effects (<see cref="ElasticityDesign"/>), solved by Householder QR
/// (<see cref="LeastSquares"/>, R's <c>lm.fit</c>); standard errors <c>sqrt(s^2 diag((X'X)^-1))</c>.
/// Reference: Montgomery (1997), "Creating micro-marketing pricing strategies using supermarket scanner data",
/// Marketing Science 16(4); the Dominick's orange-juice data of bayesm.
/// </summary>
public static class PriceElasticity
{
    /// <summary>Fits every brand of <paramref name="panel"/> (<see cref="Datasets.OrangeJuice.Load"/>) under <paramref name="options"/>.</summary>
    public static ElasticityModel Fit(SeriesPanel panel, ElasticityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new ElasticityOptions();
        var brandIx = panel.KeyNames.ToList().IndexOf("brand");
        if (brandIx < 0) throw new ArgumentException("the panel has no brand key", nameof(panel));
        var brands = options.Brands ?? panel.Series.Select(s => int.Parse(s.Key[brandIx], System.Globalization.CultureInfo.InvariantCulture))
            .Distinct().Order().ToArray();
        var fits = brands.Select(b => FitBrand(ElasticityDesign.Build(panel, b, options))).ToArray();
        return new ElasticityModel(options, fits);
    }

    /// <summary>OLS of one design; throws when a column is collinear (the design has full rank on Dominick's data).</summary>
    public static BrandRegression FitBrand(ElasticityDesign design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var k = design.Names.Count;
        var fit = LeastSquares.Fit(design.Y, design.X, k, covariance: true);
        if (fit.Rank < k)
        {
            var dropped = design.Names.Where((_, j) => double.IsNaN(fit.Coefficients[j]));
            throw new InvalidOperationException($"brand {design.Brand}: collinear columns {string.Join(", ", dropped)}");
        }
        return new BrandRegression(design.Brand, design.Names, fit.Coefficients, fit.StandardErrors, fit.Covariance!,
            fit.Sigma2, design.Rows, design.Rows - fit.Rank, design.StoreLevels);
    }
}
