using CausalCart.Numerics;

namespace CausalCart.Learners.Boosting;

/// <summary>
/// Histogram gradient-boosted trees for a binary 0/1 target, minimising log-loss on the log-odds scale; see
/// <see cref="GradientBoostedTreesRegressor"/> for the method and <see cref="GradientBoostingOptions"/> for the settings.
/// </summary>
/// <remarks>Deterministic given <see cref="GradientBoostingOptions.Seed"/>, bit for bit whatever <see cref="GradientBoostingOptions.MaxThreads"/>.</remarks>
public sealed class GradientBoostedTreesClassifier : IClassifier
{
    /// <summary>Creates the learner.</summary>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentException">An option is out of range (named in the message).</exception>
    public GradientBoostedTreesClassifier(GradientBoostingOptions? options = null)
    {
        Options = options ?? new GradientBoostingOptions();
        Options.Validate();
    }

    /// <summary>The options (never modified by fitting).</summary>
    public GradientBoostingOptions Options { get; }

    /// <inheritdoc cref="IClassifier.Fit"/>
    /// <remarks>NaN features are allowed (missing values); ±∞ features are rejected.</remarks>
    public GradientBoostedTreesClassificationModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default) =>
        new(BoostingTrainer.Train(features, target, sampleWeights, BoostingLoss.Logistic, Options));

    IClassificationModel IClassifier.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) => Fit(features, target, sampleWeights);
}
