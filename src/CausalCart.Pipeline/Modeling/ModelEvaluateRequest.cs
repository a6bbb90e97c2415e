namespace CausalCart.Pipeline.Modeling;

/// <summary>Which checkpoint to evaluate on which data. Immutable.</summary>
public sealed record ModelEvaluateRequest
{
    /// <summary>The checkpoint written by training.</summary>
    public required string CheckpointPath { get; init; }

    /// <summary>
    /// The data, which must have the checkpoint's vocabulary (normally the data it was trained on). With a store
    /// and no cut, the cut of the checkpoint's manifest is used, else the default cut.
    /// </summary>
    public required ModelDataSource Data { get; init; }

    /// <summary>Cut-offs K of HR@K and NDCG@K.</summary>
    public IReadOnlyList<int> CutOffs { get; init; } = [5, 10, 20];

    /// <summary>Kernel threads for scoring.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
