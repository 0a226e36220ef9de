namespace Research.Forecasting.Models;

/// <summary>
/// One series as a series model sees it: the target <c>y</c> (NaN = missing) and optional regressors
/// <c>X</c> (<see cref="Length"/> rows x <see cref="Regressors"/> columns, row-major).
/// </summary>
public sealed class SeriesData
{
    private readonly double[] _y;
    private readonly double[] _x;

    /// <param name="y">Target values, oldest first.</param>
    /// <param name="x">Regressors, row-major: <c>x[t * regressors + j]</c> is regressor j at time t.</param>
    /// <param name="regressors">Number of regressor columns.</param>
    /// <param name="id">Series id, for messages.</param>
    public SeriesData(double[] y, double[]? x = null, int regressors = 0, string id = "")
    {
        ArgumentNullException.ThrowIfNull(y);
        x ??= [];
        if (regressors < 0) throw new ArgumentOutOfRangeException(nameof(regressors), regressors, "cannot be negative");
        if (x.Length != y.Length * regressors)
            throw new ArgumentException($"series {id}: {x.Length} regressor values for {y.Length} rows x {regressors} regressors", nameof(x));
        _y = y;
        _x = x;
        Regressors = regressors;
        Id = id;
    }

    public string Id { get; }

    public int Length => _y.Length;

    public int Regressors { get; }

    public ReadOnlySpan<double> Y => _y;

    /// <summary>All regressor values, row-major.</summary>
    public ReadOnlySpan<double> X => _x;

    public double XAt(int t, int j) => _x[t * Regressors + j];

    /// <summary>Regressor <paramref name="j"/> as a column (a copy).</summary>
    public double[] XColumn(int j)
    {
        var c = new double[Length];
        for (var t = 0; t < c.Length; t++) c[t] = _x[t * Regressors + j];
        return c;
    }

    /// <summary>The first <paramref name="length"/> rows.</summary>
    public SeriesData Take(int length) =>
        new(_y[..length], _x[..(length * Regressors)], Regressors, Id);
}
