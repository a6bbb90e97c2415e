using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// A learner for a binary 0/1 target. <see cref="Fit"/> never mutates the learner: it returns a new immutable
/// <see cref="IClassificationModel"/>.
/// </summary>
public interface IClassifier
{
    /// <summary>Fits a model of P(target = 1 | features).</summary>
    /// <param name="features">Shape (n, p), row-major; not modified.</param>
    /// <param name="target">Length n; every value exactly 0 or 1.</param>
    /// <param name="sampleWeights">Empty (all 1) or length n, finite and ≥ 0 with a positive sum; weight-0 rows are ignored.</param>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths, NaN or ∞, a target value other than 0/1,
    /// negative weights.</exception>
    IClassificationModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default);
}
