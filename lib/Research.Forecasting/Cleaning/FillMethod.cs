namespace Research.Forecasting.Cleaning;

/// <summary>How <see cref="Fill"/> replaces missing values.</summary>
public enum FillMethod
{
    /// <summary>Last observed value carried forward, then the first observed value carried backward over leading gaps.</summary>
    ForwardBackward,
    /// <summary>Straight line in time between the neighbouring observed values; nearest value at the edges.</summary>
    Linear,
    /// <summary>The value one season earlier (else one season later), then forward/backward for what is left.</summary>
    Seasonal,
    /// <summary>Zero (e.g. no transactions means no sales).</summary>
    Zero,
}
