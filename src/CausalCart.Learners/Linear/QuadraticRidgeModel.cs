using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>A fitted <see cref="QuadraticRidge"/>: a linear model on the degree-2 basis chosen at fit time. Immutable and thread-safe.</summary>
public sealed class QuadraticRidgeModel : IRegressionModel
{
    private readonly (int A, int B)[] _basis;

    internal QuadraticRidgeModel(int featureCount, (int A, int B)[] basis, LinearRegressionModel inner)
    {
        FeatureCount = featureCount;
        _basis = basis;
        Inner = inner;
    }

    /// <inheritdoc/>
    public int FeatureCount { get; }

    /// <summary>Number of basis columns (features, squares and products kept).</summary>
    public int BasisSize => _basis.Length;

    /// <summary>The ridge fit on the basis columns.</summary>
    public LinearRegressionModel Inner { get; }

    /// <inheritdoc/>
    public void Predict(Matrix features, Span<double> destination)
    {
        LearnerInput.CheckPredict(features, FeatureCount, destination.Length);
        LearnerInput.CheckFinite(features);
        Inner.Predict(Expand(features, _basis), destination);
    }

    /// <summary>The basis matrix, shape (n, basis length): column c is x_A (B &lt; 0) or x_A·x_B.</summary>
    internal static Matrix Expand(Matrix features, (int A, int B)[] basis)
    {
        var m = new Matrix(features.Rows, basis.Length);
        for (int i = 0; i < features.Rows; i++)
        {
            ReadOnlySpan<double> r = features.Row(i);
            for (int c = 0; c < basis.Length; c++)
            {
                (int a, int b) = basis[c];
                m[i, c] = b < 0 ? r[a] : r[a] * r[b];
            }
        }

        return m;
    }
}
