using TorchSharp;

namespace Research.Forecasting.Neural.Networks;

/// <summary>
/// A batch of windows as a network sees it (float32 unless stated). Absent parts have a zero-length last dimension,
/// so a network can concatenate them unconditionally.
/// </summary>
/// <param name="Past">[B, L, F]: per past step the scaled target, then the dynamic covariates, then the season position.</param>
/// <param name="Future">[B, H, C]: per forecast step the known dynamic covariates and season position.</param>
/// <param name="Static">[B, S]: standardised static covariates.</param>
/// <param name="Categories">[B, K] int64: level index of each embedded key column (0 = unseen).</param>
public sealed record NeuralBatch(torch.Tensor Past, torch.Tensor Future, torch.Tensor Static, torch.Tensor Categories);
