using CausalCart.Numerics;

namespace CausalCart.Learners;

/// <summary>
/// Weighted ridge / least-squares regression with an intercept, solved exactly by the normal equations
/// (Z'WZ/Σw + λI')·β = Z'Wy/Σw with a Cholesky factorisation, in standardised coordinates (see
/// <see cref="StandardizedDesign"/>). Constant columns get coefficient 0. Deterministic; thread-safe.
/// </summary>
/// <remarks>Cost: one O(n·p) standardisation pass and one O(n·p²/2) Gram pass (SIMD, parallel over row chunks).</remarks>
public sealed class LinearRegression : IRegressor
{
    /// <summary>Creates the learner.</summary>
    /// <exception cref="ArgumentOutOfRangeException">λ is negative or not finite.</exception>
    public LinearRegression(LinearRegressionOptions? options = null)
    {
        Options = options ?? new LinearRegressionOptions();
        if (!double.IsFinite(Options.L2) || Options.L2 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.L2, "L2 must be finite and >= 0.");
        }
    }

    /// <summary>The options (never modified by fitting).</summary>
    public LinearRegressionOptions Options { get; }

    /// <inheritdoc cref="IRegressor.Fit"/>
    /// <exception cref="ArgumentException">Also when λ = 0 and the non-constant columns are linearly dependent
    /// (the message names the feature column to drop).</exception>
    public LinearRegressionModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        double[] y = target.ToArray();
        var design = new StandardizedDesign(features, Standardization.Compute(features, w));
        int q = design.Width;
        double total = 0;
        var wy = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            total += w[i];
            wy[i] = w[i] * y[i];
        }

        double[] gram = design.Gram(w);
        double[] rhs = design.TransposeMultiply(wy);
        for (int k = 0; k < gram.Length; k++)
        {
            gram[k] /= total;
        }

        for (int j = 0; j < q; j++)
        {
            rhs[j] /= total;
            if (j > 0)
            {
                gram[(j * q) + j] += Options.L2;
            }
        }

        Cholesky chol;
        try
        {
            chol = Cholesky.Factor(gram, q, 1e-10);
        }
        catch (MatrixNotPositiveDefiniteException e)
        {
            string which = e.Column == 0 ? "the intercept" : $"feature column {design.FeatureOfColumn(e.Column)}";
            throw new ArgumentException(
                $"Features are linearly dependent: {which} is (nearly) a linear combination of earlier columns. " +
                "Drop the redundant column or set L2 > 0.", nameof(features), e);
        }

        double[] beta = chol.Solve(rhs);
        return new LinearRegressionModel(design.Standardization, beta, design, Options.L2);
    }

    IRegressionModel IRegressor.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);
}
