using CausalCart.Numerics;

namespace CausalCart.Learners.Forests;

/// <summary>
/// Probability forest for a 0/1 target (Malley et al. 2012, ranger's <c>probability = TRUE</c>): trees split on the
/// weighted Gini impurity, each leaf holds the weighted share of 1s among its rows, and the forest's probability is the
/// mean over trees. For two classes the Gini decrease equals twice the variance decrease of the 0/1 target, so the trees
/// are grown exactly as in <see cref="RandomForestRegressor"/> (same options, honesty, determinism and out-of-bag rules).
/// </summary>
public sealed class RandomForestClassifier(RandomForestOptions? options = null) : IClassifier
{
    /// <summary>The options (never modified by fitting).</summary>
    public RandomForestOptions Options { get; } = options ?? new RandomForestOptions();

    /// <inheritdoc cref="IClassifier.Fit"/>
    /// <exception cref="ArgumentException">Also for an invalid option (named).</exception>
    public RandomForestClassificationModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        ForestEnsemble forest = ForestEnsemble.Train(features, target, sampleWeights, Options, binaryTarget: true);
        return new RandomForestClassificationModel(forest, target, sampleWeights);
    }

    IClassificationModel IClassifier.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);
}
