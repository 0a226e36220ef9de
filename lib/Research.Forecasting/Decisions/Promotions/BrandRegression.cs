using MathNet.Numerics.Distributions;

namespace Research.Forecasting.Decisions.Promotions;

/// <summary>One brand's fitted log-log demand regression (see <see cref="ElasticityDesign"/>).</summary>
/// <param name="Brand">The brand.</param>
/// <param name="Names">Coefficient names, in design order.</param>
/// <param name="Coefficients">OLS estimates.</param>
/// <param name="StandardErrors">Classical standard errors <c>sqrt(s^2 diag((X'X)^-1))</c>.</param>
/// <param name="Covariance">Covariance <c>s^2 (X'X)^-1</c>, row-major.</param>
/// <param name="Sigma2">Residual variance <c>s^2 = RSS / (n - k)</c>.</param>
/// <param name="Rows">Rows fitted.</param>
/// <param name="ResidualDf">Residual degrees of freedom <c>n - rank</c>.</param>
/// <param name="StoreLevels">Stores of the fit (the first is the baseline of the store effects).</param>
public sealed record BrandRegression(
    int Brand, IReadOnlyList<string> Names, double[] Coefficients, double[] StandardErrors, double[] Covariance,
    double Sigma2, int Rows, int ResidualDf, IReadOnlyList<string> StoreLevels)
{
    /// <summary>Estimate of the named coefficient.</summary>
    public double this[string name] => Coefficients[IndexOf(name)];

    /// <summary>Index of the named coefficient.</summary>
    public int IndexOf(string name)
    {
        for (var j = 0; j < Names.Count; j++)
            if (Names[j] == name) return j;
        throw new KeyNotFoundException($"brand {Brand} has no coefficient {name}");
    }

    /// <summary>
    /// The elasticity of this brand's units to brand <paramref name="priceBrand"/>'s price (own when equal to
    /// <see cref="Brand"/>), with its standard error and the t interval <c>b ± t_{df, (1+level)/2} se</c>.
    /// </summary>
    public Elasticity Elasticity(int priceBrand, double level = 0.95)
    {
        var j = IndexOf($"logprice{priceBrand}");
        var q = StudentT.InvCDF(0, 1, ResidualDf, 0.5 + level / 2);
        var b = Coefficients[j];
        var se = StandardErrors[j];
        return new Elasticity(Brand, priceBrand, b, se, b - q * se, b + q * se);
    }

    /// <summary>Linear predictor <c>x'b</c> of one row given as name → value (absent names are 0).</summary>
    public double LinearPredictor(IReadOnlyDictionary<string, double> row)
    {
        var eta = 0.0;
        foreach (var (name, value) in row) eta += this[name] * value;
        return eta;
    }
}

/// <summary>An elasticity <c>d log q_brand / d log p_priceBrand</c> with its standard error and confidence interval.</summary>
public sealed record Elasticity(int Brand, int PriceBrand, double Estimate, double StandardError, double Low, double High)
{
    /// <summary>True for an own-price elasticity.</summary>
    public bool IsOwn => Brand == PriceBrand;
}
