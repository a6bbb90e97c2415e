namespace CausalCart.Learners.Linear;

/// <summary>Options of a coefficient table.</summary>
/// <param name="Covariance">The covariance estimator (default HC1).</param>
/// <param name="ConfidenceLevel">Two-sided confidence level of the intervals, in (0, 1).</param>
/// <param name="Distribution">Reference distribution of the statistics.</param>
public sealed record InferenceOptions(CovarianceType? Covariance = null, double ConfidenceLevel = 0.95, TestDistribution Distribution = TestDistribution.Default)
{
    /// <summary>The covariance estimator in effect (HC1 when none was given).</summary>
    public CovarianceType EffectiveCovariance => Covariance ?? CovarianceType.HC1;
}
