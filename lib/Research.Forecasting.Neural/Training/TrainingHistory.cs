namespace Research.Forecasting.Neural.Training;

/// <summary>One epoch: mean training loss over its batches, validation loss (NaN without validation), wall seconds.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double Seconds);

/// <summary>What training did: every epoch, the epoch whose weights were kept, and the windows used.</summary>
public sealed record TrainingHistory(IReadOnlyList<EpochRecord> Epochs, int BestEpoch, int TrainingWindows, int ValidationWindows)
{
    /// <summary>Training sequences processed per second of training (epochs' wall time, validation included).</summary>
    public double SequencesPerSecond => TrainingWindows * Epochs.Count / Math.Max(1e-9, Epochs.Sum(e => e.Seconds));
}
