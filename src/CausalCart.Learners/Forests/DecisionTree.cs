using System.Runtime.CompilerServices;

namespace CausalCart.Learners.Forests;

/// <summary>
/// One fitted binary tree: nodes in creation order (a parent before its children, the two children of a split
/// adjacent: right = left + 1). Immutable after <see cref="TreeGrower"/> and the honest repopulation finish with it.
/// </summary>
internal sealed class DecisionTree
{
    public DecisionTree(TreeNode[] nodes, double[] threshold, int[] depth, int[] parent, double[] value, int count)
    {
        Nodes = nodes;
        Threshold = threshold;
        Depth = depth;
        Parent = parent;
        Value = value;
        Count = count;
    }

    /// <summary>(nodes) packed splits; <see cref="TreeNode.FeatureBin"/> is −1 at a leaf.</summary>
    public TreeNode[] Nodes { get; }

    /// <summary>(nodes) raw-value threshold of each split (x ≤ threshold goes left).</summary>
    public double[] Threshold { get; }

    /// <summary>(nodes) depth, root 0.</summary>
    public int[] Depth { get; }

    /// <summary>(nodes) parent id, −1 at the root.</summary>
    public int[] Parent { get; }

    /// <summary>(nodes) prediction at each node (the mean label of its estimation rows; leaves are what predictions use).</summary>
    public double[] Value { get; }

    /// <summary>Number of nodes in use (the arrays may be longer).</summary>
    public int Count { get; }

    /// <summary>The leaf that training row <paramref name="row"/> falls in, by its bin codes.</summary>
    public int LeafBinned(BinnedFeatures bins, int row) => LeafBinned(bins.Codes, row * bins.Cols);

    /// <summary>The leaf for the codes starting at <paramref name="offset"/> of a row-major code array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafBinned(byte[] codes, int offset)
    {
        TreeNode[] nodes = Nodes;
        int k = 0;
        while (true)
        {
            TreeNode node = nodes[k];
            if (node.FeatureBin < 0)
            {
                return k;
            }

            k = codes[offset + (node.FeatureBin >> 8)] <= (node.FeatureBin & 0xFF) ? node.Left : node.Left + 1;
        }
    }

    /// <summary>The leaf that a raw feature row falls in (x ≤ threshold goes left).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafRaw(ReadOnlySpan<double> row)
    {
        TreeNode[] nodes = Nodes;
        double[] threshold = Threshold;
        int k = 0;
        while (true)
        {
            TreeNode node = nodes[k];
            if (node.FeatureBin < 0)
            {
                return k;
            }

            k = row[node.FeatureBin >> 8] <= threshold[k] ? node.Left : node.Left + 1;
        }
    }
}
