using CausalCart.Learners.Forests;

namespace CausalCart.Causal.Forest;

/// <summary>
/// One honest causal tree and, for every node, the weighted means over the estimation units that reach it of
/// (T̃, Ỹ, T̃·Ỹ, T̃²): the leaf's share of the forest's local moment. A node no estimation unit reaches carries its
/// nearest ancestor's means (the effect of pruning the empty leaf).
/// </summary>
/// <param name="Tree">The splits (on binned effect modifiers; raw thresholds for new rows).</param>
/// <param name="Stats">(nodes, 4) row-major: mean T̃, mean Ỹ, mean T̃Ỹ, mean T̃².</param>
internal sealed record CausalTree(DecisionTree Tree, double[] Stats)
{
    /// <summary>Number of node statistics.</summary>
    public const int Width = 4;
}
