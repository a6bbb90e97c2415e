namespace CausalCart.Learners.Linear;

/// <summary>The reference distribution of the t/z statistics, p-values and intervals.</summary>
public enum TestDistribution
{
    /// <summary>statsmodels' defaults: Student t with n − k degrees of freedom for classical least squares, the standard
    /// normal for every robust covariance and for logistic regression.</summary>
    Default,

    /// <summary>Student t with n − k degrees of freedom (G − 1 for cluster-robust covariance).</summary>
    StudentT,

    /// <summary>Standard normal.</summary>
    Normal,
}
