using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>
/// Random forest regression (Breiman 2001) with out-of-bag estimates and an optional honest variant (Wager &amp; Athey
/// 2018, §2.4). Each tree draws rows (bootstrap or subsample, <see cref="RandomForestOptions"/>), tries mtry random
/// features per node and splits where the weighted within-node variance falls most; the forest predicts the mean of its
/// trees' leaf values. Deterministic for a given seed whatever the thread count: tree t uses the random stream
/// <c>SeededRandom.DeriveSeed(seed, t)</c>, trees are grown in parallel and combined in tree order.
/// </summary>
/// <remarks>
/// Implementation note: features are quantised once into at most <see cref="RandomForestOptions.MaxBins"/> quantile bins
/// (exact for features with few distinct values) and splits are searched on per-node histograms, which is what makes a
/// fit several times faster than an exact presorted search; thresholds are stored as raw values, so predicting needs no
/// binning. Sample weights scale each row's contribution to the split criterion and leaf means; rows with weight 0 are
/// never drawn (and get out-of-bag predictions from every tree).
/// </remarks>
public sealed class RandomForestRegressor(RandomForestOptions? options = null) : IRegressor
{
    /// <summary>The options (never modified by fitting).</summary>
    public RandomForestOptions Options { get; } = options ?? new RandomForestOptions();

    /// <inheritdoc cref="IRegressor.Fit"/>
    /// <exception cref="ArgumentException">Also for an invalid option (named).</exception>
    public RandomForestRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        ForestEnsemble forest = ForestEnsemble.Train(features, target, sampleWeights, Options, binaryTarget: false);
        return new RandomForestRegressionModel(forest, target, sampleWeights);
    }

    IRegressionModel IRegressor.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);
}
