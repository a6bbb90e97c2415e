using System.Runtime.CompilerServices;

namespace CausalCart.Learners.Forests;

/// <summary>
/// One fitted binary tree: nodes in creation order (a parent before its children, the two children of a split
/// adjacent: right = left + 1). Immutable after <see cref="TreeGrower"/> and the honest repopulation finish with it.
/// </summary>
internal sealed class DecisionTree
{
    public DecisionTree(TreeNode[] nodes, int[] parent, double[] value, int count)
    {
        Nodes = nodes;
        Parent = parent;
        Value = value;
        Count = count;
    }

    /// <summary>(nodes) split descriptions; <see cref="TreeNode.Feature"/> is −1 at a leaf.</summary>
    public TreeNode[] Nodes { get; }

    /// <summary>(nodes) parent id, −1 at the root.</summary>
    public int[] Parent { get; }

    /// <summary>(nodes) prediction at each node (the mean label of its estimation rows; leaves are what predictions use).</summary>
    public double[] Value { get; }

    /// <summary>Number of nodes in use (the arrays may be longer).</summary>
    public int Count { get; }

    /// <summary>The leaf that training row <paramref name="row"/> falls in, by its bin codes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafBinned(byte[][] codes, int row)
    {
        TreeNode[] nodes = Nodes;
        int k = 0;
        while (true)
        {
            ref readonly TreeNode node = ref nodes[k];
            if (node.Feature < 0)
            {
                return k;
            }

            k = codes[node.Feature][row] <= node.Bin ? node.Left : node.Left + 1;
        }
    }

    /// <summary>The leaf that a raw feature row falls in (x ≤ threshold goes left).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LeafRaw(ReadOnlySpan<double> row)
    {
        TreeNode[] nodes = Nodes;
        int k = 0;
        while (true)
        {
            ref readonly TreeNode node = ref nodes[k];
            if (node.Feature < 0)
            {
                return k;
            }

            k = row[node.Feature] <= node.Threshold ? node.Left : node.Left + 1;
        }
    }
}
