using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>An immutable fitted binary classifier; thread-safe.</summary>
public interface IClassificationModel
{
    /// <summary>Number of feature columns p the model expects.</summary>
    int FeatureCount { get; }

    /// <summary>Writes P(y = 1 | row) in [0, 1] for each row of <paramref name="features"/> (shape (n, p)) into <paramref name="destination"/> (length n).</summary>
    /// <exception cref="ArgumentException">Column count differs from <see cref="FeatureCount"/>, length mismatch, or a NaN/∞ feature (row named).</exception>
    void PredictProbability(Matrix features, Span<double> destination);
}
