using CausalCart.Numerics;

namespace CausalCart.Learners.Adapters;

/// <summary>
/// A classifier used as a regressor of a 0/1 target: the model predicts P(y = 1 | x), which is E[y | x]. Lets
/// estimators that ask for an outcome regression (double ML, meta-learners) model a binary outcome with a logistic
/// (or any other) classifier instead of a linear probability model. Immutable; as deterministic as the classifier.
/// </summary>
/// <param name="classifier">The classifier fitted on the 0/1 target.</param>
public sealed class ProbabilityRegressor(IClassifier classifier) : IRegressor
{
    /// <summary>The wrapped classifier.</summary>
    public IClassifier Classifier { get; } = classifier ?? throw new ArgumentNullException(nameof(classifier));

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Also when the target is not 0/1 (a probability model needs a binary target).</exception>
    public IRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        LearnerInput.Validate(features, target, sampleWeights, binaryTarget: true);
        return new Model(Classifier.Fit(features, target, sampleWeights));
    }

    private sealed class Model(IClassificationModel inner) : IRegressionModel
    {
        public int FeatureCount => inner.FeatureCount;

        public void Predict(Matrix features, Span<double> destination) => inner.PredictProbability(features, destination);
    }
}
