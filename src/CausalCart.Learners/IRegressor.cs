using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// A learner for a real-valued target. <see cref="Fit"/> never mutates the learner: it returns a new immutable
/// <see cref="IRegressionModel"/>, so one learner can fit many models concurrently.
/// </summary>
public interface IRegressor
{
    /// <summary>
    /// Fits a model of <paramref name="target"/> on <paramref name="features"/>.
    /// </summary>
    /// <param name="features">Shape (n, p), row-major; not modified.</param>
    /// <param name="target">Length n.</param>
    /// <param name="sampleWeights">Empty (all 1) or length n, each finite and ≥ 0 with a positive sum. Rows with
    /// weight 0 are ignored entirely (that is how cross-fitting masks held-out rows).</param>
    /// <returns>A fitted model; deterministic for the same inputs and options, whatever the thread count.</returns>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths, NaN or ∞ in features, target or weights,
    /// negative weights, or a problem the learner cannot solve (named in the message).</exception>
    IRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default);
}
