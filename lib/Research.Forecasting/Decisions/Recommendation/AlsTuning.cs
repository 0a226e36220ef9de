namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>One tried ALS setting and its validation MAP@k.</summary>
public sealed record AlsTrial(int Factors, double Regularization, double Alpha, double Map);

/// <summary>
/// Grid search of ALS's factors, regularisation and confidence slope on a validation split inside the training period
/// (never on the test period): every combination is fitted on the validation split's training matrix and scored by
/// MAP@k; the best (ties to the earlier trial) is returned with every trial.
/// </summary>
public static class AlsTuning
{
    /// <summary>Tries every combination of the grids with the other settings of <paramref name="baseOptions"/>.</summary>
    public static (AlsOptions Best, IReadOnlyList<AlsTrial> Trials) Grid(
        RetailSplit validation, AlsOptions baseOptions, IReadOnlyList<int> factors, IReadOnlyList<double> regularization,
        IReadOnlyList<double> alpha, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var trials = new List<AlsTrial>();
        AlsOptions? best = null;
        var bestMap = double.NegativeInfinity;
        foreach (var f in factors)
            foreach (var l in regularization)
                foreach (var a in alpha)
                {
                    var o = baseOptions with { Factors = f, Regularization = l, Alpha = a };
                    var map = RecommenderEvaluation.Evaluate(ImplicitAls.Fit(validation.Train, o), validation, k).Map;
                    trials.Add(new AlsTrial(f, l, a, map));
                    if (map > bestMap)
                    {
                        bestMap = map;
                        best = o;
                    }
                }
        return (best ?? baseOptions, trials);
    }
}
