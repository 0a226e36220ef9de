using System.Diagnostics;
using Research.Forecasting.Data;

namespace Research.Forecasting.Decisions.Recommendation;

/// <summary>
/// The Online Retail recommendation protocol (options record): train before <see cref="Split"/>, evaluate on the
/// customers' new products from <see cref="Split"/> to <see cref="End"/>; ALS's grid is searched on a validation split
/// inside the training period (train before <see cref="ValidationSplit"/>, validate up to <see cref="Split"/>).
/// </summary>
public sealed record RecommendationStudyOptions
{
    /// <summary>Start of the data used.</summary>
    public DateTime Start { get; init; } = new(2010, 12, 1);

    /// <summary>Validation split inside the training period.</summary>
    public DateTime ValidationSplit { get; init; } = new(2011, 6, 1);

    /// <summary>Train/test split (the 2011-09-01).</summary>
    public DateTime Split { get; init; } = new(2011, 9, 1);

    /// <summary>End of the test period (exclusive; the data end on 2011-12-09).</summary>
    public DateTime End { get; init; } = new(2011, 12, 10);

    /// <summary>Length of the recommendation lists.</summary>
    public int K { get; init; } = 10;

    /// <summary>ALS settings other than the grid (iterations, solver, seed, threads).</summary>
    public AlsOptions Als { get; init; } = new();

    /// <summary>Factors tried on the validation split.</summary>
    public IReadOnlyList<int> FactorsGrid { get; init; } = [16, 32, 64];

    /// <summary>Regularisations tried.</summary>
    public IReadOnlyList<double> RegularizationGrid { get; init; } = [0.1, 1, 10];

    /// <summary>Confidence slopes tried.</summary>
    public IReadOnlyList<double> AlphaGrid { get; init; } = [1, 10, 40];
}

/// <summary>Result of <see cref="RecommendationStudy.Run"/>.</summary>
/// <param name="Test">The test split.</param>
/// <param name="Trials">Every ALS setting tried on the validation split with its MAP@k.</param>
/// <param name="Chosen">The ALS options chosen on validation (refitted on the whole training period).</param>
/// <param name="Scores">Test metrics of popularity, item-item cosine and ALS, in that order.</param>
/// <param name="AlsSeconds">Wall-clock seconds of the chosen ALS fit on the training matrix.</param>
/// <param name="Als">The fitted ALS.</param>
/// <param name="Cosine">The fitted item-item model.</param>
public sealed record RecommendationStudyResult(
    RetailSplit Test, IReadOnlyList<AlsTrial> Trials, AlsOptions Chosen, IReadOnlyList<RankingScore> Scores, double AlsSeconds,
    AlsModel Als, ItemCosine Cosine);

/// <summary>Runs the protocol of <see cref="RecommendationStudyOptions"/> on cleaned transactions.</summary>
public static class RecommendationStudy
{
    /// <summary>
    /// Tunes ALS on the validation split, fits popularity, item-item cosine and the chosen ALS on the training period and
    /// scores the three on the test period.
    /// </summary>
    public static RecommendationStudyResult Run(Transactions cleaned, RecommendationStudyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cleaned);
        options ??= new RecommendationStudyOptions();
        if (!(options.Start < options.ValidationSplit && options.ValidationSplit < options.Split && options.Split < options.End))
            throw new ArgumentException("need Start < ValidationSplit < Split < End", nameof(options));
        var validation = RetailInteractions.Split(cleaned, options.Start, options.ValidationSplit, options.Split);
        var (chosen, trials) = AlsTuning.Grid(validation, options.Als, options.FactorsGrid, options.RegularizationGrid, options.AlphaGrid, options.K);
        var test = RetailInteractions.Split(cleaned, options.Start, options.Split, options.End);
        var popularity = new Popularity(test.Train);
        var cosine = new ItemCosine(test.Train);
        var watch = Stopwatch.StartNew();
        var als = ImplicitAls.Fit(test.Train, chosen);
        var seconds = watch.Elapsed.TotalSeconds;
        var scores = new[] { popularity, (IRecommender)cosine, als }.Select(m => RecommenderEvaluation.Evaluate(m, test, options.K)).ToArray();
        return new RecommendationStudyResult(test, trials, chosen, scores, seconds, als, cosine);
    }
}
