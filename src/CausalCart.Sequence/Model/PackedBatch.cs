namespace CausalCart.Sequence.Model;

/// <summary>
/// Variable-length sequences packed end to end, so that padding costs nothing: sequence s holds
/// tokens [Offsets[s], Offsets[s+1]). Per-token arrays have length ≥ <see cref="Tokens"/>; targets
/// of −1 (and purchase mask 0) mean "no label for this token".
/// </summary>
internal sealed class PackedBatch
{
    /// <summary>Creates empty buffers for up to <paramref name="maxTokens"/> tokens in <paramref name="maxSequences"/> sequences.</summary>
    public PackedBatch(int maxTokens, int maxSequences)
    {
        Offsets = new int[maxSequences + 1];
        AttentionOffsets = new int[maxSequences + 1];
        Items = new int[maxTokens];
        Actions = new int[maxTokens];
        Gaps = new int[maxTokens];
        Positions = new int[maxTokens];
        TargetItems = new int[maxTokens];
        TargetActions = new int[maxTokens];
        PurchaseLabels = new float[maxTokens];
        PurchaseMask = new float[maxTokens];
    }

    /// <summary>Number of sequences in use.</summary>
    public int Sequences { get; private set; }

    /// <summary>Number of tokens in use, N.</summary>
    public int Tokens { get; private set; }

    /// <summary>(S + 1) token offsets.</summary>
    public int[] Offsets { get; }

    /// <summary>(S + 1) offsets into the attention-probability buffer (heads · T_s² per sequence).</summary>
    public int[] AttentionOffsets { get; }

    /// <summary>(N) item rows.</summary>
    public int[] Items { get; }

    /// <summary>(N) action ids.</summary>
    public int[] Actions { get; }

    /// <summary>(N) time-gap buckets.</summary>
    public int[] Gaps { get; }

    /// <summary>(N) positions counted back from the newest token of the sequence.</summary>
    public int[] Positions { get; }

    /// <summary>(N) next item row, or −1.</summary>
    public int[] TargetItems { get; }

    /// <summary>(N) next action id, or −1.</summary>
    public int[] TargetActions { get; }

    /// <summary>(N) 1 when a purchase follows within the horizon.</summary>
    public float[] PurchaseLabels { get; }

    /// <summary>(N) 1 when the purchase label is observed (not censored).</summary>
    public float[] PurchaseMask { get; }

    /// <summary>Forgets all sequences.</summary>
    public void Clear()
    {
        Sequences = 0;
        Tokens = 0;
    }

    /// <summary>Whether a sequence of <paramref name="length"/> tokens still fits.</summary>
    public bool Fits(int length) => Sequences + 1 < Offsets.Length && Tokens + length <= Items.Length;

    /// <summary>
    /// Starts a sequence of <paramref name="length"/> tokens; returns the offset of its first token.
    /// The caller fills the per-token arrays at [offset, offset + length).
    /// </summary>
    public int Append(int length, int heads)
    {
        if (!Fits(length))
        {
            throw new InvalidOperationException("Batch is full.");
        }

        var start = Tokens;
        Tokens += length;
        Sequences++;
        Offsets[Sequences] = Tokens;
        AttentionOffsets[Sequences] = AttentionOffsets[Sequences - 1] + (heads * length * length);
        for (var i = 0; i < length; i++)
        {
            Positions[start + i] = length - 1 - i;
        }

        return start;
    }

    /// <summary>Counts tokens with an item target, an action target and an observed purchase label.</summary>
    public (int Items, int Actions, int Purchases) LabelCounts()
    {
        int items = 0, actions = 0, purchases = 0;
        for (var t = 0; t < Tokens; t++)
        {
            items += TargetItems[t] >= 0 ? 1 : 0;
            actions += TargetActions[t] >= 0 ? 1 : 0;
            purchases += PurchaseMask[t] != 0 ? 1 : 0;
        }

        return (items, actions, purchases);
    }
}
