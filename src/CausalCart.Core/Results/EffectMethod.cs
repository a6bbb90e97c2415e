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

    /// <summary>Double ML, partially linear model (partialling-out score, cross-fitted, repeated splits).</summary>
    DmlPlr,

    /// <summary>Double ML, interactive regression model (AIPW score with pluggable learners, repeated splits).</summary>
    DmlIrm,

    /// <summary>Double ML with a linear final stage in the effect modifiers (LinearDML): CATE coefficients with inference.</summary>
    LinearDml,

    /// <summary>DR-learner: cross-fitted AIPW pseudo-outcomes regressed on the effect modifiers.</summary>
    DrLearner,

    /// <summary>S-learner: one outcome model with the treatment as a feature.</summary>
    SLearner,

    /// <summary>T-learner: one outcome model per arm.</summary>
    TLearner,

    /// <summary>X-learner: imputed effects per arm, blended by the propensity.</summary>
    XLearner,

    /// <summary>R-learner: residual-on-residual (Robinson) loss with a pluggable effect model.</summary>
    RLearner,

    /// <summary>AIPW per arm of a multi-valued treatment against a reference arm.</summary>
    MultiArmAipw,

    /// <summary>Causal forest (generalized random forest, Athey, Tibshirani &amp; Wager 2019): per-unit effects with
    /// little-bags intervals; ATE/ATT by doubly robust scores built from the forest.</summary>
    CausalForest,

    /// <summary>Nearest-neighbour matching (propensity score or Mahalanobis, optional exact columns) with Abadie–Imbens standard errors.</summary>
    Matching,

    /// <summary>Difference-in-differences, 2×2 design (two periods, treated and comparison units), optionally covariate-adjusted (Sant'Anna &amp; Zhao 2020).</summary>
    DidTwoByTwo,

    /// <summary>Staggered-adoption difference-in-differences of Callaway &amp; Sant'Anna (2021): group-time effects and their aggregations.</summary>
    CallawaySantAnna,

    /// <summary>Two-way fixed-effects regression (unit and period effects); biased under staggered adoption with heterogeneous effects.</summary>
    TwoWayFixedEffects,

    /// <summary>Subclassification (stratification) on the propensity score (Rosenbaum &amp; Rubin 1984), strata averaged with ATE or ATT weights.</summary>
    Subclassification,
}
