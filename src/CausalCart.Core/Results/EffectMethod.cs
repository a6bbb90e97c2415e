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

    /// <summary>Causal forest (generalized random forest, Athey, Tibshirani &amp; Wager 2019): per-unit effects with
    /// little-bags intervals; ATE/ATT by doubly robust scores built from the forest.</summary>
    CausalForest,
}
