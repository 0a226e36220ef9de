using System.Globalization;
using System.Text;
using Research.Forecasting.IO;

namespace Research.Forecasting.ML.AutoML;

/// <summary>What a search produced: every trial in the order run, the best one, and why it stopped.</summary>
public sealed record ExperimentResult(IReadOnlyList<TrialResult> Trials, string StoppedBecause, double Seconds)
{
    /// <summary>The best trial (lowest score; the earliest among ties).</summary>
    public TrialResult Best =>
        Trials.Where(t => !t.Failed).OrderBy(t => t.Score).ThenBy(t => t.Id).FirstOrDefault()
        ?? throw new InvalidOperationException($"every one of the {Trials.Count} trials failed" + (Trials.Count > 0 ? $"; the first: {Trials[0].Error}" : ""));

    /// <summary>Trials by score, best first (failed trials last).</summary>
    public IReadOnlyList<TrialResult> Leaderboard => [.. Trials.OrderBy(t => t.Failed).ThenBy(t => t.Score).ThenBy(t => t.Id)];

    /// <summary>The best score after each trial (the search-progress curve).</summary>
    public IReadOnlyList<double> BestSoFar
    {
        get
        {
            var best = double.PositiveInfinity;
            return [.. Trials.Select(t => best = Math.Min(best, t.Failed ? double.PositiveInfinity : t.Score))];
        }
    }

    /// <summary>
    /// The leaderboard as CSV (<c>rank, trial, family, score, seconds, cost, fallbacks, configuration, error</c>), to a
    /// temporary file moved into place. With <paramref name="seconds"/> false the wall times are left out, so two runs
    /// with the same seed give the same bytes.
    /// </summary>
    public void WriteCsv(string path, bool seconds = true) => AtomicFile.WriteAllText(path, Csv(seconds));

    public string Csv(bool seconds = true)
    {
        var sb = new StringBuilder("rank,trial,family,score,seconds,cost,fallbacks,configuration,error\n");
        var rank = 0;
        foreach (var t in Leaderboard)
        {
            rank++;
            sb.Append(CultureInfo.InvariantCulture, $"{rank},{t.Id},{t.Configuration.Family},{(t.Failed ? "" : t.Score.ToString("R", CultureInfo.InvariantCulture))},");
            sb.Append(seconds ? t.Seconds.ToString("F3", CultureInfo.InvariantCulture) : "").Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{t.Cost:R},{t.Fallbacks},\"{t.Configuration}\",\"{t.Error?.Replace("\"", "'", StringComparison.Ordinal)}\"\n");
        }
        return sb.ToString();
    }
}
