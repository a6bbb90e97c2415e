using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>
/// Weighted ordinary least squares with an intercept, minimising Σ w_i (y_i − b − x_iᵀc)², solved by Householder QR
/// (tall-skinny, then limited column pivoting for rank deficiency); the fitted model gives coefficient tables with
/// classical, HC0–HC3 and cluster-robust standard errors. Deterministic whatever the thread count; thread-safe.
/// </summary>
/// <remarks>
/// QR never forms XᵀWX, so the coefficients keep about twice the digits of the normal equations on ill-conditioned
/// designs (Golub &amp; Van Loan 2013, §5.3.7). Cost: O(n·(p + 2)²) flops in one parallel pass over the rows.
/// Rows with weight 0 are ignored entirely (they do not count in n). For ridge use
/// <see cref="LinearRegression"/>, for lasso and elastic net <see cref="ElasticNet"/>.
/// </remarks>
public sealed class OrdinaryLeastSquares : IRegressor
{
    /// <summary>Creates the learner.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The collinearity tolerance is not in (0, 1).</exception>
    public OrdinaryLeastSquares(OrdinaryLeastSquaresOptions? options = null)
    {
        Options = options ?? new OrdinaryLeastSquaresOptions();
        if (!(Options.CollinearityTolerance > 0 && Options.CollinearityTolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.CollinearityTolerance, "CollinearityTolerance must be in (0, 1).");
        }

        if (!Enum.IsDefined(Options.OnRankDeficiency))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.OnRankDeficiency, "OnRankDeficiency must be Throw or DropColumns.");
        }
    }

    /// <summary>The options (never modified by fitting).</summary>
    public OrdinaryLeastSquaresOptions Options { get; }

    /// <inheritdoc cref="IRegressor.Fit"/>
    /// <exception cref="ArgumentException">Also when a feature column is constant or collinear with earlier ones and
    /// <see cref="OrdinaryLeastSquaresOptions.OnRankDeficiency"/> is Throw (the message names the columns).</exception>
    public OrdinaryLeastSquaresModel Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights = default)
    {
        double[] w = LearnerInput.Validate(features, target, sampleWeights, binaryTarget: false);
        int p = features.Cols;
        double[] augmented = HouseholderQr.AugmentedR(features, target, w);
        HouseholderQr.Factor factor = HouseholderQr.Finish(augmented, p + 2, Options.CollinearityTolerance);
        if (factor.Aliased.Length > 0 && Options.OnRankDeficiency == RankDeficiency.Throw)
        {
            throw new ArgumentException(
                $"Features are linearly dependent: {DescribeAliased(features, w, factor)}. " +
                "Drop the named columns, or set OnRankDeficiency = DropColumns to fix their coefficients at 0.",
                nameof(features));
        }

        int observations = 0;
        double weightSum = 0;
        foreach (double v in w)
        {
            if (v > 0)
            {
                observations++;
                weightSum += v;
            }
        }

        return new OrdinaryLeastSquaresModel(p, factor, observations, weightSum);
    }

    IRegressionModel IRegressor.Fit(Matrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> sampleWeights) =>
        Fit(features, target, sampleWeights);

    private static string DescribeAliased(Matrix features, double[] w, HouseholderQr.Factor factor)
    {
        bool[] constant = Standardization.Compute(features, w).IsConstant;
        var parts = new List<string>();
        foreach (int d in factor.Aliased)
        {
            int j = d - 1;
            parts.Add(constant[j]
                ? $"feature column {j} is constant (collinear with the intercept)"
                : $"feature column {j} is (nearly) a linear combination of the intercept and earlier columns");
        }

        return string.Join("; ", parts);
    }
}
