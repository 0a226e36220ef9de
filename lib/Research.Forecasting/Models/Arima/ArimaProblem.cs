namespace Research.Forecasting.Models.Arima;

/// <summary>
/// The prepared data of one <see cref="ArimaRequest"/>: series, design matrix (intercept first, then the
/// regressors, rotated to their right singular vectors when R's <c>arima</c> does so), differencing
/// polynomial, which coefficients are free and their optimisation scale.
/// </summary>
internal sealed class ArimaProblem
{
    public required double[] Y { get; init; }

    /// <summary>Design matrix, column-major <c>n x K</c>.</summary>
    public required double[] X { get; init; }

    public required int K { get; init; }

    public required ArmaOrders Orders { get; init; }

    /// <summary><c>Delta</c> with <c>y_t = sum Delta_i y_(t-i) + w_t</c>.</summary>
    public required double[] Delta { get; init; }

    /// <summary>The series differenced (for the CSS objective without regressors).</summary>
    public required double[] Differenced { get; init; }

    /// <summary>Coefficient template: fixed values, free ones overwritten by the optimiser.</summary>
    public required double[] Fixed { get; init; }

    /// <summary>Indices of the free coefficients.</summary>
    public required int[] Free { get; init; }

    /// <summary>Optimisation scale of the free coefficients (1 for ARMA, 10 standard errors for regressors).</summary>
    public required double[] Parscale { get; init; }

    /// <summary>Right singular vectors (<c>K x K</c>, column-major) when the design was rotated; else null.</summary>
    public double[]? Rotation { get; init; }

    /// <summary>Least-squares starting values of the regression coefficients (R's <c>init0</c>).</summary>
    public double[]? RegressionInit { get; set; }

    public int N => Y.Length;

    public int Narma => Orders.Narma;
}
