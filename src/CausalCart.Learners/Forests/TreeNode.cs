namespace CausalCart.Learners.Forests;

/// <summary>A node: a split "feature ≤ threshold (code ≤ bin) goes left" or a leaf (<see cref="Feature"/> = −1).</summary>
internal struct TreeNode
{
    /// <summary>Raw-value threshold of the split.</summary>
    public double Threshold;

    /// <summary>Split feature, or −1 at a leaf.</summary>
    public int Feature;

    /// <summary>Left child id (the right child is Left + 1).</summary>
    public int Left;

    /// <summary>Depth (root 0).</summary>
    public int Depth;

    /// <summary>Highest bin code that goes left.</summary>
    public byte Bin;
}
