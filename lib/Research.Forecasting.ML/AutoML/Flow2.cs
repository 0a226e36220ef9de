namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// FLOW2, the randomized direct search with adaptive step size at the heart of CFO (Wu, Wang and Huang, 2021,
/// "Frugal optimization for cost-related hyperparameters", AAAI 35; FLAML's <c>flaml/tune/searcher/flow2.py</c>), on the
/// unit cube of one search space: from the incumbent, try a random direction <c>u</c> (uniform on the sphere) at step
/// δ, then <c>−u</c>; move to whichever improves. The step starts at 0.1·√d (at most √d) and, after 2^min(9,d)
/// proposals without improvement, shrinks by √(K_old/K) with K the proposals so far; it grows back by √(K/K_old) on
/// an improvement. The search has converged when the step falls below the resolution of the integer dimensions.
/// An unordered choice has no direction: a move switches it, with probability 2δ/√d (at most 1), to another option
/// drawn uniformly, and the opposite move to yet another (or back), so the two moves stay a pair.
/// </summary>
internal sealed class Flow2
{
    private const double StepSize = 0.1;
    private const double StepLowerBound = 1e-4;

    private readonly SearchSpace _space;
    private readonly Random _random;
    private readonly int _dim;
    private readonly double _stepUpper;
    private readonly int _dir;
    private double[] _incumbent;
    private double[]? _directionTried;
    private double _step;
    private int _proposedByIncumbent;
    private int _proposed = 1;
    private int _completed = 1;
    private int _k;
    private int _oldK;
    private int _iterBest = 1;

    public Flow2(SearchSpace space, Configuration start, Random random)
    {
        _space = space;
        _random = random;
        _dim = space.Count;
        Incumbent = start;
        _incumbent = start.Normalize();
        _stepUpper = Math.Sqrt(_dim);
        _step = Math.Min(StepSize * _stepUpper, _stepUpper);
        if (LowerBound > _step) _step = 2 * LowerBound;
        _dir = 1 << Math.Min(9, _dim);
    }

    /// <summary>The best configuration found so far (the start until a result improves on it).</summary>
    public Configuration Incumbent { get; private set; }

    public double BestScore { get; private set; } = double.PositiveInfinity;

    public double Step => _step;

    public bool Converged { get; private set; }

    // the resolution of the integer dimensions at the incumbent, times √d (flow2.step_lower_bound)
    private double LowerBound
    {
        get
        {
            var lb = double.PositiveInfinity;
            for (var i = 0; i < _dim; i++)
            {
                var r = _space.Dimensions[i].Resolution(Incumbent.Values[i]);
                if (r > 0) lb = Math.Min(lb, r);
            }
            return double.IsPositiveInfinity(lb) ? StepLowerBound : lb * _stepUpper;
        }
    }

    /// <summary>Records the result of the start configuration (or any evaluated one) without a proposal.</summary>
    public void Seed(Configuration configuration, double score)
    {
        if (score < BestScore)
        {
            BestScore = score;
            Incumbent = configuration;
            _incumbent = configuration.Normalize();
        }
    }

    /// <summary>The next configuration: the incumbent moved along a new random direction, or along the opposite of the last one.</summary>
    public Configuration Propose()
    {
        _proposed++;
        var move = (double[])_incumbent.Clone();
        if (_directionTried is not null)
        {
            for (var i = 0; i < _dim; i++) move[i] -= _directionTried[i];
            _directionTried = null;
        }
        else
        {
            _directionTried = UnitSphere();
            for (var i = 0; i < _dim; i++)
            {
                _directionTried[i] *= _step;
                move[i] += _directionTried[i];
            }
        }
        for (var i = 0; i < _dim; i++)
        {
            var d = _space.Dimensions[i];
            move[i] = d.Ordered ? Math.Clamp(move[i], 0, 1) : _incumbent[i];
        }
        SwitchChoices(move, opposite: _directionTried is null);
        var config = _space.Denormalize(move);
        _proposedByIncumbent++;
        if (_proposedByIncumbent == _dir)
        {
            // stuck: shrink the step
            _proposedByIncumbent -= 2;
            if (_step < LowerBound) Converged = true;
            _oldK = _k > 0 ? _k : _iterBest;
            _k = _proposed + 1;
            _step *= Math.Sqrt(_oldK / (double)_k);
        }
        return config;
    }

    /// <summary>Learns the score of a configuration this search proposed; moves the incumbent when it improves.</summary>
    public void Update(Configuration configuration, double score)
    {
        _completed++;
        if (!(score < BestScore)) return;
        BestScore = score;
        Incumbent = configuration;
        _incumbent = configuration.Normalize();
        _proposedByIncumbent = 0;
        _directionTried = null;
        if (_k > 0) _step *= Math.Sqrt(_k / (double)_oldK);
        _step = Math.Min(_step, _stepUpper);
        _iterBest = _completed;
    }

    private int[]? _switched;

    // unordered choices: the first move of a pair switches some to random other options, the opposite move to others
    private void SwitchChoices(double[] move, bool opposite)
    {
        if (!opposite) _switched = new int[_dim];
        var p = Math.Min(1, 2 * _step / _stepUpper);
        for (var i = 0; i < _dim; i++)
        {
            if (_space.Dimensions[i] is not ChoiceDimension c || c.Options.Count < 2) continue;
            var current = (int)c.Denormalize(_incumbent[i]);
            int option;
            if (!opposite)
            {
                if (_random.NextDouble() >= p) { _switched![i] = -1; continue; }
                option = (current + 1 + _random.Next(c.Options.Count - 1)) % c.Options.Count;
                _switched![i] = option;
            }
            else
            {
                if (_switched is null || _switched[i] < 0) continue;
                // another option than both the incumbent's and the first move's when there is one
                var others = Enumerable.Range(0, c.Options.Count).Where(o => o != current && o != _switched[i]).ToArray();
                if (others.Length == 0) continue;
                option = others[_random.Next(others.Length)];
            }
            move[i] = c.Normalize(option);
        }
    }

    private double[] UnitSphere()
    {
        var v = new double[_dim];
        double norm = 0;
        while (norm == 0)
        {
            norm = 0;
            for (var i = 0; i < _dim; i++)
            {
                v[i] = Gaussian();
                norm += v[i] * v[i];
            }
        }
        norm = Math.Sqrt(norm);
        for (var i = 0; i < _dim; i++) v[i] /= norm;
        return v;
    }

    // Box-Muller from the search's own generator (deterministic for a seed)
    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
