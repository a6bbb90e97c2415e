using CausalCart.Sequence;

namespace CausalCart.Pipeline.Modeling;

/// <summary>What to train the behaviour model on, how, and where to write it. Immutable.</summary>
public sealed record ModelTrainRequest
{
    /// <summary>The sequences.</summary>
    public required ModelDataSource Data { get; init; }

    /// <summary>The checkpoint file to write (atomically; its folder is created). The manifest goes beside it.</summary>
    public required string CheckpointPath { get; init; }

    /// <summary>The model's shape and heads.</summary>
    public SequenceModelOptions Model { get; init; } = new();

    /// <summary>Optimiser, epochs, time budget, early stopping, seed, threads.</summary>
    public SequenceTrainingOptions Training { get; init; } = new();
}
