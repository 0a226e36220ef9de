namespace Research.Forecasting.ML.AutoML;

/// <summary>
/// Random search (Bergstra and Bengio, 2012, "Random search for hyper-parameter optimization", JMLR 13): each trial
/// picks a model family uniformly and draws every dimension uniformly on its normalised (log where declared) scale.
/// The first trial of each family is its low-cost initial configuration, so every family is represented.
/// </summary>
public sealed class RandomSearchTuner : ITuner
{
    private readonly IReadOnlyList<SearchSpace> _spaces;
    private readonly Random _random;

    public RandomSearchTuner(IReadOnlyList<SearchSpace> spaces, int seed)
    {
        if (spaces.Count == 0) throw new ArgumentException("no search space", nameof(spaces));
        _spaces = spaces;
        _random = new Random(seed);
    }

    public Configuration Propose(int trialId) =>
        trialId < _spaces.Count ? _spaces[trialId].Initial : _spaces[_random.Next(_spaces.Count)].Sample(_random);

    public void Update(TrialResult result)
    {
    }
}
