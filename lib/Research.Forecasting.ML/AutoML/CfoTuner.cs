namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// Cost-frugal optimisation (CFO; Wu, Wang and Huang, AAAI 2021), the default search of FLAML and of ML.NET AutoML,
/// over several model families. Each family runs its own <see cref="Flow2"/> local search that starts at the family's
/// low-cost initial configuration (few trees, few leaves) and moves towards costlier ones only while they pay; a
/// converged search restarts from a random configuration of its space (FLAML's CFO restarts). Which family proposes
/// next follows FLAML's estimated cost for improvement (ECI, Wang et al., 2021, "FLAML: a fast and lightweight AutoML
/// library", MLSys), simplified: a family is drawn with probability ∝ 1/ECI, where ECI is the larger of the cost it
/// spent since its last improvement and twice the cost of its incumbent, plus, for a family behind the best one, the
/// cost its improvement rate needs to close the gap (ten times its spent cost when it has not improved at all). Costs are the trial runner's deterministic estimates, not wall
/// seconds, so the sequence of proposals depends only on the seed and the scores.
/// </summary>
public sealed class CfoTuner : ITuner
{
    private readonly IReadOnlyList<SearchSpace> _spaces;
    private readonly Random _random;
    private readonly Flow2[] _searches;
    private readonly FamilyState[] _states;
    private readonly Dictionary<int, (int Family, bool FromSearch)> _proposals = [];

    public CfoTuner(IReadOnlyList<SearchSpace> spaces, int seed)
    {
        if (spaces.Count == 0) throw new ArgumentException("no search space", nameof(spaces));
        _spaces = spaces;
        _random = new Random(seed);
        _searches = [.. spaces.Select(s => new Flow2(s, s.Initial, new Random(_random.Next())))];
        _states = [.. spaces.Select(_ => new FamilyState())];
    }

    /// <summary>Restarts so far, per family (a converged local search starts again from a random point).</summary>
    public IReadOnlyList<int> Restarts => [.. _states.Select(s => s.Restarts)];

    public Configuration Propose(int trialId)
    {
        // every family first tries its low-cost initial configuration
        for (var f = 0; f < _spaces.Count; f++)
            if (!_states[f].Started)
            {
                _states[f].Started = true;
                _proposals[trialId] = (f, false);
                return _spaces[f].Initial;
            }
        var family = ChooseFamily();
        var search = _searches[family];
        if (search.Converged)
        {
            var start = _spaces[family].Sample(_random);
            _searches[family] = new Flow2(_spaces[family], start, new Random(_random.Next()));
            _states[family].Restarts++;
            _proposals[trialId] = (family, false);
            return start;
        }
        _proposals[trialId] = (family, true);
        return search.Propose();
    }

    public void Update(TrialResult result)
    {
        if (!_proposals.Remove(result.Id, out var p)) throw new ArgumentException($"trial {result.Id} was not proposed by this tuner", nameof(result));
        var score = result.Failed ? double.PositiveInfinity : result.Score;
        var state = _states[p.Family];
        state.Trials++;
        state.TotalCost += result.Cost;
        state.CostSinceImprovement += result.Cost;
        if (double.IsPositiveInfinity(state.FirstScore) && double.IsFinite(score)) state.FirstScore = score;
        if (score < state.Best)
        {
            state.Best = score;
            state.BestCost = result.Cost;
            state.CostSinceImprovement = 0;
        }
        if (p.FromSearch) _searches[p.Family].Update(result.Configuration, score);
        else _searches[p.Family].Seed(result.Configuration, score);
    }

    private int ChooseFamily()
    {
        if (_spaces.Count == 1) return 0;
        var best = _states.Min(s => s.Best);
        var weights = new double[_spaces.Count];
        for (var f = 0; f < weights.Length; f++)
        {
            var s = _states[f];
            var eci = Math.Max(s.CostSinceImprovement, 2 * Math.Max(s.BestCost, 1e-9));
            if (s.Best > best)
            {
                var rate = s.TotalCost > 0 && double.IsFinite(s.FirstScore) && double.IsFinite(s.Best) ? (s.FirstScore - s.Best) / s.TotalCost : 0;
                // a family that never improved pays for every trial it spent without progress
                eci += rate > 0 ? (s.Best - best) / rate : 10 * (s.TotalCost + eci);
            }
            weights[f] = 1 / Math.Max(eci, 1e-12);
        }
        var u = _random.NextDouble() * weights.Sum();
        for (var f = 0; f < weights.Length; f++)
        {
            u -= weights[f];
            if (u <= 0) return f;
        }
        return weights.Length - 1;
    }

    private sealed class FamilyState
    {
        public bool Started;
        public int Trials;
        public int Restarts;
        public double TotalCost;
        public double CostSinceImprovement;
        public double BestCost;
        public double Best = double.PositiveInfinity;
        public double FirstScore = double.PositiveInfinity;
    }
}
