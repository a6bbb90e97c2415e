using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>An immutable fitted regression model; thread-safe.</summary>
public interface IRegressionModel
{
    /// <summary>Number of feature columns p the model expects.</summary>
    int FeatureCount { get; }

    /// <summary>Writes the prediction for each row of <paramref name="features"/> (shape (n, p)) into <paramref name="destination"/> (length n).</summary>
    /// <exception cref="ArgumentException">Column count differs from <see cref="FeatureCount"/>, length mismatch, or a NaN/∞ feature (row named).</exception>
    void Predict(Matrix features, Span<double> destination);
}
