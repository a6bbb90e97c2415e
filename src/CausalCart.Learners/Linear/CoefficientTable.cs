using CausalCart.Numerics;

namespace CausalCart.Learners.Linear;

/// <summary>
/// Estimates, standard errors, test statistics, p-values and confidence intervals of a regression's coefficients
/// (intercept first, then one per feature column), with the full covariance matrix. Immutable.
/// </summary>
public sealed class CoefficientTable
{
    private readonly double[] _covariance;

    internal CoefficientTable(
        double[] estimates, double[] covariance, bool[] aliased, CovarianceKind kind, TestDistribution distribution,
        double degreesOfFreedom, double confidenceLevel, int observations, int clusters)
    {
        int k = estimates.Length;
        _covariance = covariance;
        Covariance = kind;
        ConfidenceLevel = confidenceLevel;
        Observations = observations;
        Clusters = clusters;
        DegreesOfFreedom = distribution == TestDistribution.StudentT ? degreesOfFreedom : double.PositiveInfinity;
        double critical = distribution == TestDistribution.StudentT
            ? StudentT.TwoSidedCritical(confidenceLevel, degreesOfFreedom)
            : StandardNormal.TwoSidedCritical(confidenceLevel);
        var rows = new CoefficientEstimate[k];
        for (int j = 0; j < k; j++)
        {
            string term = j == 0 ? "(Intercept)" : $"feature {j - 1}";
            if (aliased[j])
            {
                rows[j] = new CoefficientEstimate(term, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, true);
                continue;
            }

            double se = Math.Sqrt(covariance[(j * k) + j]);
            double stat = estimates[j] / se;
            double pValue = distribution == TestDistribution.StudentT
                ? StudentT.TwoSidedPValue(stat, degreesOfFreedom)
                : StandardNormal.TwoSidedPValue(stat);
            rows[j] = new CoefficientEstimate(term, estimates[j], se, stat, pValue, estimates[j] - (critical * se), estimates[j] + (critical * se), false);
        }

        Rows = rows;
    }

    /// <summary>Intercept first, then feature 0 … p − 1.</summary>
    public IReadOnlyList<CoefficientEstimate> Rows { get; }

    /// <summary>The covariance estimator used.</summary>
    public CovarianceKind Covariance { get; }

    /// <summary>Degrees of freedom of the Student t reference; +∞ when the normal is used.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>Confidence level of <see cref="CoefficientEstimate.Lower"/> / <see cref="CoefficientEstimate.Upper"/>.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>Rows with positive weight that entered the fit (n).</summary>
    public int Observations { get; }

    /// <summary>Distinct groups among those rows for cluster-robust covariance; 0 otherwise.</summary>
    public int Clusters { get; }

    /// <summary>Covariance of (intercept, features) estimates, (p + 1) × (p + 1) row-major; NaN rows/columns for aliased terms.</summary>
    public ReadOnlySpan<double> CovarianceMatrix => _covariance;
}
