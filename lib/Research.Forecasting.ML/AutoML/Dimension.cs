using System.Globalization;

namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// One hyperparameter of a search space, with its map to and from the unit interval that the tuners search in
/// (logarithmic for scale parameters such as the learning rate, as in FLAML and ML.NET AutoML) and its low-cost
/// initial value (where the cost-frugal search starts). Values are doubles; a choice's value is the option's index.
/// </summary>
public abstract record Dimension(string Name)
{
    /// <summary>The initial value of a cost-frugal search (the cheapest sensible setting).</summary>
    public abstract double Initial { get; }

    /// <summary>The value as a point of [0, 1].</summary>
    public abstract double Normalize(double value);

    /// <summary>The value at point <paramref name="u"/> of [0, 1] (clamped; integers rounded, choices binned).</summary>
    public abstract double Denormalize(double u);

    /// <summary>Whether nearby points mean similar settings (false for unordered choices).</summary>
    public virtual bool Ordered => true;

    /// <summary>The smallest move in [0, 1] that changes the value (for the local search's step-size lower bound).</summary>
    public abstract double Resolution(double value);

    /// <summary>A uniform draw on the normalised scale.</summary>
    public double Sample(Random random) => Denormalize(random.NextDouble());

    /// <summary>The value as text (a choice's option).</summary>
    public virtual string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>A real-valued hyperparameter in [<paramref name="Min"/>, <paramref name="Max"/>], searched on a log scale when <paramref name="Log"/>.</summary>
public sealed record FloatDimension(string Name, double Min, double Max, double Start, bool Log = false) : Dimension(Name)
{
    public override double Initial => Start;

    public override double Normalize(double value) =>
        Math.Clamp(Log ? (Math.Log(value) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min)) : (value - Min) / (Max - Min), 0, 1);

    public override double Denormalize(double u)
    {
        u = Math.Clamp(u, 0, 1);
        return Log ? Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min))) : Min + u * (Max - Min);
    }

    public override double Resolution(double value) => 0;
}

/// <summary>An integer hyperparameter in [<paramref name="Min"/>, <paramref name="Max"/>], searched on a log scale when <paramref name="Log"/>.</summary>
public sealed record IntDimension(string Name, int Min, int Max, int Start, bool Log = false) : Dimension(Name)
{
    public override double Initial => Start;

    public override double Normalize(double value) =>
        Math.Clamp(Log ? (Math.Log(value) - Math.Log(Min)) / (Math.Log(Max) - Math.Log(Min)) : (value - Min) / (double)(Max - Min), 0, 1);

    public override double Denormalize(double u)
    {
        u = Math.Clamp(u, 0, 1);
        var v = Log ? Math.Exp(Math.Log(Min) + u * (Math.Log(Max) - Math.Log(Min))) : Min + u * (Max - Min);
        return Math.Clamp(Math.Round(v), Min, Max);
    }

    // FLAML's flow2 step_lower_bound: log(1 + 1/v) / log(max/min) on a log scale, 1/(max − min) otherwise
    public override double Resolution(double value) =>
        Log ? Math.Log(1 + 1 / Math.Max(1, value)) / Math.Log(Max / (double)Min) : 1.0 / (Max - Min);

    public override string Format(double value) => ((long)value).ToString(CultureInfo.InvariantCulture);
}

/// <summary>A choice among named options (unordered); the value is the option's index.</summary>
public sealed record ChoiceDimension(string Name, IReadOnlyList<string> Options, int Start = 0) : Dimension(Name)
{
    public override double Initial => Start;

    public override bool Ordered => false;

    public override double Normalize(double value) => (value + 0.5) / Options.Count;

    public override double Denormalize(double u) => Math.Min(Options.Count - 1, Math.Max(0, (int)Math.Floor(Math.Clamp(u, 0, 1) * Options.Count)));

    public override double Resolution(double value) => 0;

    public override string Format(double value) => Options[(int)value];
}
