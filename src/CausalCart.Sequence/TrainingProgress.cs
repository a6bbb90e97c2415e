namespace CausalCart.Sequence;

/// <summary>
/// Progress of <see cref="SequenceTrainer.Train"/>: reported after every optimiser step and after every
/// validation (then <see cref="Validation"/> is set). Immutable.
/// </summary>
/// <param name="Epoch">1-based epoch in progress.</param>
/// <param name="MaxEpochs">The epoch limit (<see cref="SequenceTrainingOptions.Epochs"/>); early stopping or the time budget may end sooner.</param>
/// <param name="UsersDone">Training users processed in this epoch.</param>
/// <param name="UsersTotal">Training users per epoch.</param>
/// <param name="Step">Optimiser steps so far.</param>
/// <param name="Tokens">Training tokens processed so far.</param>
/// <param name="EpochLoss">Mean total training loss over the steps of this epoch so far.</param>
/// <param name="TokensPerSecond">Training throughput so far (optimiser steps only, validation excluded).</param>
/// <param name="Elapsed">Wall time since training started.</param>
/// <param name="Validation">The validation that just finished, or null for a step report.</param>
public sealed record TrainingProgress(
    int Epoch, int MaxEpochs, int UsersDone, int UsersTotal, long Step, long Tokens, double EpochLoss, double TokensPerSecond, TimeSpan Elapsed, EpochRecord? Validation);
