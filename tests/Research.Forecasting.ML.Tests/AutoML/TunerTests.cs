using Research.Forecasting.ML.AutoML;

namespace Research.Forecasting.ML.Tests.AutoML;

/// <summary>The tuners on synthetic objectives (a trial runner that evaluates a formula instead of a backtest).</summary>
public sealed class TunerTests
{
    private static readonly SearchSpace Bowl = new("bowl",
    [
        new FloatDimension("x", 0.001, 1000, 1, Log: true),
        new IntDimension("n", 1, 100, 2),
        new ChoiceDimension("kind", ["a", "b", "c"], 0),
    ]);

    /// <summary>Minimum 0 at x = 10, n = 40, kind = c.</summary>
    private static double Score(Configuration c) =>
        Math.Pow(Math.Log10(c.Double("x")) - 1, 2) + Math.Pow((c.Int("n") - 40) / 20.0, 2) + (c.Choice("kind") == "c" ? 0 : 0.5);

    private static List<TrialResult> Run(ITuner tuner, int trials, IReadOnlyList<SearchSpace>? spaces = null)
    {
        var results = new List<TrialResult>();
        for (var i = 0; i < trials; i++)
        {
            var c = tuner.Propose(i);
            var r = new TrialResult(i, c, c.Family == "bowl" ? Score(c) : 1 + Score(Bowl.Initial), 0, c.Family == "bowl" ? c.Int("n") : 5);
            tuner.Update(r);
            results.Add(r);
        }
        return results;
    }

    [Fact]
    public void Cfo_starts_at_the_low_cost_point_and_descends_the_bowl()
    {
        var results = Run(new CfoTuner([Bowl], seed: 1), 120);
        Assert.Equal(Bowl.Initial, results[0].Configuration);
        var best = results.Min(r => r.Score);
        Assert.True(best < 0.05 * results[0].Score, $"best {best}, initial {results[0].Score}");
        // the search moves from cheap to expensive configurations only as they pay: its first ten trials are cheaper than its best
        Assert.True(results.Take(10).Average(r => r.Cost) < results.OrderBy(r => r.Score).First().Cost);
    }

    [Fact]
    public void Cfo_beats_random_search_on_the_same_budget()
    {
        double Best(Func<int, ITuner> make) => Enumerable.Range(1, 5).Average(seed => Run(make(seed), 60).Min(r => r.Score));
        var cfo = Best(s => new CfoTuner([Bowl], s));
        var random = Best(s => new RandomSearchTuner([Bowl], s));
        Assert.True(cfo < random, $"CFO {cfo}, random {random}");
    }

    [Fact]
    public void Tuners_repeat_for_a_seed_and_differ_across_seeds()
    {
        foreach (var make in new Func<int, ITuner>[] { s => new CfoTuner([Bowl], s), s => new RandomSearchTuner([Bowl], s) })
        {
            var a = Run(make(3), 40).Select(r => r.Configuration.ToString());
            var b = Run(make(3), 40).Select(r => r.Configuration.ToString());
            var c = Run(make(4), 40).Select(r => r.Configuration.ToString());
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }
    }

    [Fact]
    public void Every_family_first_tries_its_initial_configuration_then_the_better_family_gets_more_trials()
    {
        var flat = new SearchSpace("flat", [new IntDimension("k", 1, 10, 1)]);
        var results = Run(new CfoTuner([Bowl, flat], seed: 2), 60, [Bowl, flat]);
        Assert.Equal(["bowl", "flat"], results.Take(2).Select(r => r.Configuration.Family));
        Assert.Equal(flat.Initial, results[1].Configuration);
        Assert.True(results.Count(r => r.Configuration.Family == "bowl") > 2 * results.Count(r => r.Configuration.Family == "flat"));
    }

    [Fact]
    public void Dimensions_map_to_the_unit_interval_and_back()
    {
        var x = new FloatDimension("lr", 0.01, 1, 0.1, Log: true);
        Assert.Equal(0.5, x.Normalize(0.1), 12);
        Assert.Equal(0.1, x.Denormalize(0.5), 12);
        var n = new IntDimension("leaves", 4, 1024, 15, Log: true);
        Assert.Equal(64, n.Denormalize(n.Normalize(64)));
        Assert.Equal(4, n.Denormalize(-3));
        var c = new ChoiceDimension("loss", ["l2", "l1", "mape"]);
        Assert.Equal(["l2", "l1", "mape"], new[] { 0.1, 0.5, 0.9 }.Select(u => c.Format(c.Denormalize(u))));
        Assert.Equal(1, c.Denormalize(c.Normalize(1)));
    }
}
