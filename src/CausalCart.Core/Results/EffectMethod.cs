namespace CausalCart.Core.Results;

/// <summary>
/// An effect estimation method. Serialised as its snake_case name (<c>naive</c>, <c>regression</c>,
/// <c>ipw</c>, <c>aipw</c>); specs and the CLI use the same names. New methods are appended.
/// </summary>
public enum EffectMethod
{
    /// <summary>Difference in mean outcome between treated and control: the association, not an effect.</summary>
    Naive,

    /// <summary>Regression adjustment (g-computation): average of predicted Y(1) − Y(0) from outcome models.</summary>
    Regression,

    /// <summary>Inverse probability weighting with normalised (Hájek) weights.</summary>
    Ipw,

    /// <summary>Augmented IPW (doubly robust) with cross-fitted nuisances and influence-function standard errors.</summary>
    Aipw,

    /// <summary>Nearest-neighbour matching (propensity score or Mahalanobis, optional exact columns) with Abadie–Imbens standard errors.</summary>
    Matching,

    /// <summary>Subclassification (stratification) on the propensity score: stratum-weighted differences in means.</summary>
    Subclassification,

    /// <summary>Two-stage least squares with instruments (the coefficient of the endogenous treatment).</summary>
    TwoStageLeastSquares,

    /// <summary>The Wald estimator of the local average treatment effect (LATE) with a binary instrument.</summary>
    Wald,

    /// <summary>Double machine learning in the partially linear instrumental-variable model (Chernozhukov et al. 2018, §4.2).</summary>
    DmlIv,
}
