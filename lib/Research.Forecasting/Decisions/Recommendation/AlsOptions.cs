namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>How each user's (item's) least-squares step of <see cref="ImplicitAls"/> is solved.</summary>
public enum AlsSolver
{
    /// <summary>A few conjugate-gradient steps warm-started from the current factor (Takács, Pilászy and Tikk 2011).</summary>
    ConjugateGradient,
    /// <summary>The exact solution by Cholesky factorisation of the <c>f x f</c> system (Hu, Koren and Volinsky 2008).</summary>
    Exact,
}

/// <summary>Options of implicit-feedback ALS (untrained; <see cref="ImplicitAls.Fit"/> returns an <see cref="AlsModel"/>).</summary>
public sealed record AlsOptions
{
    /// <summary>Latent factors <c>f</c>.</summary>
    public int Factors { get; init; } = 32;

    /// <summary>L2 regularisation <c>lambda</c>.</summary>
    public double Regularization { get; init; } = 1.0;

    /// <summary>Confidence slope: <c>c_ui = 1 + alpha r_ui</c>.</summary>
    public double Alpha { get; init; } = 10.0;

    /// <summary>Alternating sweeps (users then items).</summary>
    public int Iterations { get; init; } = 15;

    /// <summary>Solver of each step.</summary>
    public AlsSolver Solver { get; init; } = AlsSolver.ConjugateGradient;

    /// <summary>Conjugate-gradient steps per solve.</summary>
    public int CgSteps { get; init; } = 3;

    /// <summary>Seed of the initial factors (normal, standard deviation <see cref="InitScale"/>).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Standard deviation of the initial factors.</summary>
    public double InitScale { get; init; } = 0.01;

    /// <summary>Threads of the solves (every user's solve is independent, so the result does not depend on it).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
