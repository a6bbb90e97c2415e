using CausalCart.Core.Errors;

namespace CausalCart.Sequence;

/// <summary>
/// The shape of the behaviour model: a causal pre-layer-norm Transformer encoder over event sequences
/// with next-item, next-action and purchase-within-horizon heads. Immutable; validated by
/// <see cref="Validate"/> before anything is allocated.
/// </summary>
public sealed record SequenceModelOptions
{
    /// <summary>Model width C (embedding and residual stream channels). Must be divisible by <see cref="Heads"/>.</summary>
    public int Channels { get; init; } = 64;

    /// <summary>Number of Transformer blocks.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Attention heads per block.</summary>
    public int Heads { get; init; } = 2;

    /// <summary>Longest window of events the model reads (older events are dropped).</summary>
    public int MaxLength { get; init; } = 50;

    /// <summary>Dropout probability after the embeddings, the attention projection and the feed-forward block.</summary>
    public float Dropout { get; init; } = 0.2f;

    /// <summary>Number of time-gap buckets: bucket 0 is "no previous event or no timestamp", bucket b ≥ 1 holds gaps in [2^(b−1), 2^b) seconds (the last bucket is open).</summary>
    public int GapBuckets { get; init; } = 32;

    /// <summary>How the next-item head is trained.</summary>
    public NextItemLoss ItemLoss { get; init; } = NextItemLoss.Automatic;

    /// <summary>With <see cref="NextItemLoss.Automatic"/>, catalogues up to this many items use the full softmax.</summary>
    public int FullSoftmaxLimit { get; init; } = 100_000;

    /// <summary>Shared negatives per batch for the sampled softmax.</summary>
    public int SampledNegatives { get; init; } = 2048;

    /// <summary>Weight of the next-action loss (ignored when the data has a single action type).</summary>
    public float ActionLossWeight { get; init; } = 0.2f;

    /// <summary>Weight of the purchase-within-horizon loss (ignored when the data has no timestamps).</summary>
    public float PurchaseLossWeight { get; init; } = 0.2f;

    /// <summary>Horizon of the purchase head: a token is positive when a purchase follows it within this time.</summary>
    public TimeSpan PurchaseHorizon { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The purchase head is trained at the events that end a session: those followed by no event within this gap
    /// (default 30 minutes). Its question is then "after this session ends, does the user buy within the horizon?",
    /// the question a merchant asks of a user who has left, and the one the time-split evaluation asks at a user's last
    /// event before the cut-off. Zero trains at every event ("a buy within the horizon after this event", which is
    /// dominated by buys later in the same session).
    /// </summary>
    public TimeSpan PurchaseSessionGap { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Throws <see cref="CausalCartException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(Channels > 0, nameof(Channels), "must be positive");
        Require(Heads > 0 && Channels % Heads == 0, nameof(Heads), $"must divide Channels ({Channels})");
        Require(Layers > 0, nameof(Layers), "must be positive");
        Require(MaxLength is > 0 and <= 1024, nameof(MaxLength), "must be in 1..1024");
        Require(Dropout is >= 0 and < 1, nameof(Dropout), "must be in [0, 1)");
        Require(GapBuckets >= 2, nameof(GapBuckets), "must be at least 2");
        Require(FullSoftmaxLimit > 0, nameof(FullSoftmaxLimit), "must be positive");
        Require(SampledNegatives > 0, nameof(SampledNegatives), "must be positive");
        Require(ActionLossWeight >= 0 && float.IsFinite(ActionLossWeight), nameof(ActionLossWeight), "must be finite and ≥ 0");
        Require(PurchaseLossWeight >= 0 && float.IsFinite(PurchaseLossWeight), nameof(PurchaseLossWeight), "must be finite and ≥ 0");
        Require(PurchaseHorizon > TimeSpan.Zero, nameof(PurchaseHorizon), "must be positive");
        Require(PurchaseSessionGap >= TimeSpan.Zero, nameof(PurchaseSessionGap), "must be zero or positive");
    }

    internal static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new CausalCartException($"Invalid option {name}: {rule}.");
        }
    }
}

/// <summary>Training objective of the next-item head.</summary>
public enum NextItemLoss
{
    /// <summary>Full softmax up to <see cref="SequenceModelOptions.FullSoftmaxLimit"/> items, sampled softmax beyond.</summary>
    Automatic,

    /// <summary>Softmax cross-entropy over the whole catalogue.</summary>
    FullSoftmax,

    /// <summary>Sampled softmax over shared negatives with log-Q correction.</summary>
    SampledSoftmax,
}
