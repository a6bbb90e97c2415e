namespace CausalCart.Learners.Boosting;

/// <summary>How a boosted tree is grown.</summary>
public enum TreeGrowth
{
    /// <summary>
    /// Level by level (XGBoost's <c>depthwise</c>): every leaf of the current level with a positive-gain split is
    /// split before the next level is considered, up to <see cref="GradientBoostingOptions.MaxDepth"/>.
    /// </summary>
    DepthWise,

    /// <summary>
    /// Best-first (LightGBM's default, XGBoost's <c>lossguide</c>): the leaf with the largest split gain is split next,
    /// until <see cref="GradientBoostingOptions.MaxLeaves"/> leaves (and, when set, <see cref="GradientBoostingOptions.MaxDepth"/>).
    /// </summary>
    LeafWise,
}
