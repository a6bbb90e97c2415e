namespace CausalCart.Sequence;

/// <summary>How to train: optimiser, batches, early stopping, seed and threads. Immutable.</summary>
public sealed record SequenceTrainingOptions
{
    /// <summary>Maximum passes over the training users.</summary>
    public int Epochs { get; init; } = 200;

    /// <summary>Sequences per batch (each up to MaxLength tokens, packed without padding).</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>AdamW learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>AdamW decoupled weight decay on matrices and embeddings.</summary>
    public float WeightDecay { get; init; } = 0f;

    /// <summary>Global gradient-norm clip (0 disables).</summary>
    public float GradientClip { get; init; } = 1f;

    /// <summary>Stop after this many validations without a better validation NDCG@10.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Validate every this many epochs.</summary>
    public int ValidateEvery { get; init; } = 1;

    /// <summary>Stop (keeping the best validated parameters) once this much wall time has passed; null for none.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Seed of initialisation, shuffling, dropout and negative sampling: equal seeds give equal models.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Worker threads for the kernels.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Cut-offs K for HR@K and NDCG@K.</summary>
    public IReadOnlyList<int> CutOffs { get; init; } = [5, 10, 20];

    /// <summary>Throws naming the first invalid setting.</summary>
    public void Validate()
    {
        SequenceModelOptions.Require(Epochs > 0, nameof(Epochs), "must be positive");
        SequenceModelOptions.Require(BatchSize > 0, nameof(BatchSize), "must be positive");
        SequenceModelOptions.Require(LearningRate > 0 && float.IsFinite(LearningRate), nameof(LearningRate), "must be positive and finite");
        SequenceModelOptions.Require(WeightDecay >= 0, nameof(WeightDecay), "must be ≥ 0");
        SequenceModelOptions.Require(GradientClip >= 0, nameof(GradientClip), "must be ≥ 0");
        SequenceModelOptions.Require(Patience > 0, nameof(Patience), "must be positive");
        SequenceModelOptions.Require(ValidateEvery > 0, nameof(ValidateEvery), "must be positive");
        SequenceModelOptions.Require(Threads > 0, nameof(Threads), "must be positive");
        SequenceModelOptions.Require(CutOffs.Count > 0 && CutOffs.All(k => k > 0) && CutOffs.Contains(10), nameof(CutOffs), "must be positive and include 10 (early stopping uses NDCG@10)");
    }
}
