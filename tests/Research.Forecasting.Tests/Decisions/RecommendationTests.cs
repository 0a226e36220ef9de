using Research.Forecasting.Decisions.Recommendation;

namespace Research.Forecasting.Tests.Decisions;

public sealed class RecommendationTests
{
    // 5 users x 4 items: users 0-2 buy items 0 and 1 together, users 3-4 buy items 2 and 3
    private static readonly double[,] Blocks =
    {
        { 2, 1, 0, 0 },
        { 1, 1, 0, 0 },
        { 0, 3, 0, 1 },
        { 0, 0, 1, 2 },
        { 0, 0, 1, 1 },
    };

    [Fact]
    public void Cosine_on_a_hand_matrix()
    {
        var m = InteractionMatrix.FromDense(Blocks);
        var cos = new ItemCosine(m);
        // item columns (binary): i0 = {u0,u1}, i1 = {u0,u1,u2}, i2 = {u3,u4}, i3 = {u2,u3,u4}
        Assert.Equal(2 / Math.Sqrt(2 * 3), cos[0, 1], 6);
        Assert.Equal(0.0, cos[0, 2]);
        Assert.Equal(1 / 3.0, cos[1, 3], 6);
        Assert.Equal(2 / Math.Sqrt(2 * 3), cos[2, 3], 6);
        Assert.Equal(0.0, cos[1, 1]);
        // user 0 owns i0, i1: score(i3) = sim(3,0) + sim(3,1) = 0 + 1/3
        var s = new double[4];
        cos.Score(0, s);
        Assert.Equal(1 / 3.0, s[3], 6);
        Assert.Equal(new[] { 1 }, Recommend.TopItems(cos, m, 4, 1)); // user 4 owns i2, i3: i1 (1/3) beats i0 (0)
    }

    [Fact]
    public void Csr_and_csc_hold_the_same_entries()
    {
        var m = InteractionMatrix.FromDense(Blocks);
        Assert.Equal(10, m.NonZeros);
        Assert.Equal(new[] { 1, 3 }, m.ItemsOf(2).ToArray());
        Assert.Equal(new[] { 3.0, 1.0 }, m.ValuesOf(2).ToArray());
        Assert.Equal(new[] { 2, 3, 4 }, m.UsersOf(3).ToArray());
        Assert.Equal(new[] { 1.0, 2.0, 1.0 }, m.ValuesOfItem(3).ToArray());
    }

    [Fact]
    public void Ranking_metrics_on_hand_lists()
    {
        var rel = new HashSet<int> { 1, 3, 5 };
        int[] rec = [3, 2, 1, 4, 9];
        Assert.Equal(2 / 5.0, RankingMetrics.Precision(rec, rel, 5), 12);
        Assert.Equal(2 / 3.0, RankingMetrics.Recall(rec, rel, 5), 12);
        // hits at ranks 1 and 3: (1/1 + 2/3) / min(3, 5)
        Assert.Equal((1 + 2 / 3.0) / 3, RankingMetrics.AveragePrecision(rec, rel, 5), 12);
        // k = 2: one hit at rank 1, divided by min(3, 2)
        Assert.Equal(0.5, RankingMetrics.AveragePrecision(rec, rel, 2), 12);
        Assert.Equal(1.0, RankingMetrics.AveragePrecision([5, 1, 3], rel, 10), 12);
        Assert.Equal(0.0, RankingMetrics.AveragePrecision([7, 8], rel, 10), 12);
        Assert.True(double.IsNaN(RankingMetrics.Recall(rec, new HashSet<int>(), 5)));
    }

    [Fact]
    public void Top_k_breaks_ties_by_lower_index_and_skips_minus_infinity()
    {
        Assert.Equal(new[] { 3, 0, 2 }, Recommend.TopK([2.0, 1.0, 2.0 - 1e-9, 5.0, double.NegativeInfinity], 3));
        Assert.Equal(new[] { 1, 2 }, Recommend.TopK([0.0, 1.0, 1.0, 1.0], 2));
        Assert.Equal(new[] { 1 }, Recommend.TopK([double.NegativeInfinity, 0.0], 5));
    }

    [Theory]
    [InlineData(AlsSolver.Exact)]
    [InlineData(AlsSolver.ConjugateGradient)]
    public void Als_objective_decreases_every_sweep(AlsSolver solver)
    {
        var m = Random(40, 30, 0.15, seed: 3);
        var model = ImplicitAls.Fit(m, new AlsOptions { Factors = 5, Regularization = 0.5, Alpha = 5, Iterations = 8, Solver = solver, Seed = 1 });
        var initial = ImplicitAls.Loss(m, Init(m, model.Options, users: true), Init(m, model.Options, users: false), 5, model.Options);
        Assert.True(model.Losses[0] < initial, $"{model.Losses[0]} vs initial {initial}");
        for (var i = 1; i < model.Losses.Count; i++)
            Assert.True(model.Losses[i] <= model.Losses[i - 1] * (1 + 1e-12), $"sweep {i}: {model.Losses[i]} > {model.Losses[i - 1]}");
    }

    [Fact]
    public void Exact_solve_equals_conjugate_gradient_run_to_convergence()
    {
        var m = Random(25, 20, 0.2, seed: 5);
        var o = new AlsOptions { Factors = 6, Regularization = 0.3, Alpha = 8 };
        var rng = new Random(9);
        var y = Enumerable.Range(0, 20 * 6).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var gram = ImplicitAls.Gram(y, 6);
        for (var u = 0; u < 25; u++)
        {
            var exact = new double[6];
            var cg = new double[6];
            ImplicitAls.SolveExact(gram, y, m.ItemsOf(u), m.ValuesOf(u), 6, o, exact, new ImplicitAls.Workspace(6));
            // CG on an SPD 6x6 system converges in at most 6 steps in exact arithmetic
            ImplicitAls.SolveCg(gram, y, m.ItemsOf(u), m.ValuesOf(u), 6, o, cg, new ImplicitAls.Workspace(6), steps: 30);
            for (var d = 0; d < 6; d++) Assert.Equal(exact[d], cg[d], 9);
        }
    }

    [Fact]
    public void Exact_solve_solves_the_normal_equations_of_a_one_factor_case()
    {
        // f = 1, Y = (y0, y1, y2), user with r = (2, 0, 1): A = sum y^2 + lambda + sum_{r>0} alpha r y^2, b = sum_{r>0} (1 + alpha r) y
        var m = InteractionMatrix.FromDense(new double[,] { { 2, 0, 1 } });
        var o = new AlsOptions { Factors = 1, Regularization = 0.5, Alpha = 3 };
        double[] y = [0.4, -0.2, 0.7];
        var a = 0.16 + 0.04 + 0.49 + 0.5 + 3 * 2 * 0.16 + 3 * 1 * 0.49;
        var b = 7 * 0.4 + 4 * 0.7;
        var x = new double[1];
        ImplicitAls.SolveExact(ImplicitAls.Gram(y, 1), y, m.ItemsOf(0), m.ValuesOf(0), 1, o, x, new ImplicitAls.Workspace(1));
        Assert.Equal(b / a, x[0], 12);
    }

    [Fact]
    public void Als_is_reproducible_with_a_seed_and_independent_of_threads()
    {
        var m = Random(60, 40, 0.1, seed: 11);
        var one = ImplicitAls.Fit(m, new AlsOptions { Factors = 8, Iterations = 5, Seed = 4, Parallelism = 1 });
        var two = ImplicitAls.Fit(m, new AlsOptions { Factors = 8, Iterations = 5, Seed = 4, Parallelism = 2 });
        Assert.Equal(one.UserFactors, two.UserFactors);
        Assert.Equal(one.ItemFactors, two.ItemFactors);
        var other = ImplicitAls.Fit(m, new AlsOptions { Factors = 8, Iterations = 5, Seed = 5 });
        Assert.NotEqual(one.UserFactors, other.UserFactors);
    }

    [Fact]
    public void Als_recovers_block_structure_and_targets_the_right_customers()
    {
        var m = InteractionMatrix.FromDense(Blocks);
        var model = ImplicitAls.Fit(m, new AlsOptions { Factors = 2, Regularization = 0.05, Alpha = 10, Iterations = 30, Solver = AlsSolver.Exact });
        // user 4 (block of items 2, 3) prefers item 1 (co-bought with item 3 by user 2) over item 0
        Assert.True(model.Predict(4, 1) > model.Predict(4, 0));
        // targets for item 0: users 0 and 1 own it; user 2 (owns item 1) ranks above users 3 and 4
        var targets = Targeting.Customers(model, "i0", 3);
        Assert.Equal("u2", targets[0].Customer);
        Assert.DoesNotContain(targets, t => t.Customer is "u0" or "u1");
    }

    private static InteractionMatrix Random(int users, int items, double density, int seed)
    {
        var rng = new Random(seed);
        var r = new double[users, items];
        for (var u = 0; u < users; u++)
        {
            r[u, rng.Next(items)] = 1;
            for (var i = 0; i < items; i++)
                if (rng.NextDouble() < density) r[u, i] = 1 + rng.Next(3);
        }
        return InteractionMatrix.FromDense(r);
    }

    private static double[] Init(InteractionMatrix m, AlsOptions o, bool users)
    {
        // the fit's initial factors: the same seeded draws (users first, then items) before any sweep
        var zero = ImplicitAls.Fit(m, o with { Iterations = 0 });
        return users ? zero.UserFactors : zero.ItemFactors;
    }
}
