using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>
/// Ridge regression on a degree-2 polynomial basis of the features: each feature, the square of each feature with more
/// than two distinct values, and every pairwise product — 2p + p(p − 1)/2 columns at most. Columns that are constant on
/// the rows of positive weight are left out of the basis (so they change nothing). The basis is chosen at fit time and
/// kept in the model. Deterministic; thread-safe.
/// </summary>
/// <remarks>Cost: the basis has q ≈ p²/2 columns, so one fit is one O(n·q²/2) Gram pass and an O(q³/3) Cholesky
/// factorisation (p = 25: q ≈ 330). Suited to p up to a few dozen.</remarks>
public sealed class QuadraticRidge : IRegressor
{
    /// <summary>Creates the learner.</summary>
    /// <exception cref="ArgumentOutOfRangeException">λ is negative or not finite.</exception>
    public QuadraticRidge(QuadraticRidgeOptions? options = null)
    {
        Options = options ?? new QuadraticRidgeOptions();
        if (!double.IsFinite(Options.L2) || Options.L2 < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.L2, "L2 must be finite and >= 0.");
        }
    }

    /// <summary>The options (never modified by fitting).</summary>
    public QuadraticRidgeOptions Options { get; }

    /// <inheritdoc cref="IRegressor.Fit"/>
    /// <exception cref="ArgumentException">Also when λ = 0 and the basis columns are linearly dependent.</exception>
    public QuadraticRidgeModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        int p = features.Cols;
        var kept = new List<int>();
        var binary = new List<bool>();
        for (int j = 0; j < p; j++)
        {
            // Distinct values among positive-weight rows, counted up to three.
            double first = double.NaN, second = double.NaN;
            int distinct = 0;
            for (int i = 0; i < features.Rows && distinct < 3; i++)
            {
                if (w[i] <= 0)
                {
                    continue;
                }

                double v = features[i, j];
                if (distinct == 0)
                {
                    first = v;
                    distinct = 1;
                }
                else if (v != first && (distinct == 1 || v != second))
                {
                    second = distinct == 1 ? v : second;
                    distinct++;
                }
            }

            if (distinct >= 2)
            {
                kept.Add(j);
                binary.Add(distinct == 2);
            }
        }

        var terms = new List<(int A, int B)>();
        foreach (int j in kept)
        {
            terms.Add((j, -1));
        }

        for (int a = 0; a < kept.Count; a++)
        {
            for (int b = a; b < kept.Count; b++)
            {
                if (b != a || !binary[a])
                {
                    terms.Add((kept[a], kept[b]));
                }
            }
        }

        var basis = terms.ToArray();
        Matrix expanded = QuadraticRidgeModel.Expand(features, basis);
        LinearRegressionModel inner = new LinearRegression(new LinearRegressionOptions(Options.L2)).Fit(expanded, target, w);
        return new QuadraticRidgeModel(p, basis, inner);
    }

    IRegressionModel IRegressor.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);
}
