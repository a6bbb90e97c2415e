namespace CausalCart.Learners.Forests;

/// <summary>
/// A node packed into 8 bytes for fast traversal: a split "code ≤ bin goes left" on a feature, or a leaf. The raw
/// threshold and the depth live in parallel arrays of <see cref="DecisionTree"/>.
/// </summary>
internal struct TreeNode
{
    /// <summary>Left child id (the right child is Left + 1); at a leaf, the leaf's own id, so that a branch-free walk that
    /// treats a leaf as "always go left" stays on it.</summary>
    public int Left;

    /// <summary>feature × 256 + bin at a split; −1 at a leaf.</summary>
    public int FeatureBin;

    /// <summary>Split feature, or −1 at a leaf.</summary>
    public readonly int Feature => FeatureBin < 0 ? -1 : FeatureBin >> 8;

    /// <summary>Highest bin code that goes left.</summary>
    public readonly int Bin => FeatureBin & 0xFF;
}
