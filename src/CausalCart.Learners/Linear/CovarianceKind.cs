namespace CausalCart.Learners.Linear;

/// <summary>How the covariance of regression coefficients is estimated (see the package README for the formulas).</summary>
public enum CovarianceKind
{
    /// <summary>Model-based: σ²·(XᵀWX)⁻¹ for least squares, the inverse Fisher information for logistic regression.</summary>
    Classical,

    /// <summary>White's heteroscedasticity-consistent sandwich, no small-sample factor.</summary>
    HC0,

    /// <summary>HC0 × n/(n − k) (MacKinnon &amp; White 1985).</summary>
    HC1,

    /// <summary>Squared residuals divided by 1 − h_ii (leverage); least squares only.</summary>
    HC2,

    /// <summary>Squared residuals divided by (1 − h_ii)²; least squares only.</summary>
    HC3,

    /// <summary>Cluster-robust sandwich over groups, times G/(G − 1)·(n − 1)/(n − k) (statsmodels' and Stata's default).</summary>
    Cluster,
}
