namespace CausalCart.Features.Study;

/// <summary>The learner family for nuisance models (propensity and outcome regressions). Spec names in brackets.</summary>
public enum NuisanceLearner
{
    /// <summary>(<c>logistic</c>) Logistic regression for binary targets, linear regression for continuous ones.</summary>
    Logistic,

    /// <summary>(<c>linear</c>) Linear regression (a linear probability model for binary targets).</summary>
    Linear,

    /// <summary>(<c>gbdt</c>) Histogram gradient-boosted trees with early stopping, for the propensity and the outcome
    /// models of the doubly robust estimator (<c>aipw</c>); the regression and IPW estimators keep their GLMs.</summary>
    Gbdt,

    /// <summary>(<c>forest</c>) Random forests (a probability forest for the propensity, a regression forest for the
    /// outcome), for the propensity and the outcome models of the doubly robust estimator (<c>aipw</c>); the regression and
    /// IPW estimators keep their GLMs.</summary>
    Forest,

    /// <summary>(<c>stack</c>) A cross-validated stack of ridge, quadratic ridge, boosted trees and a random forest (the
    /// super learner; docs/decisions/0008) for the outcome models and boosted trees for the propensity of the doubly robust
    /// estimator (<c>aipw</c>); the regression and IPW estimators keep their GLMs. About 40 candidate fits per outcome model.</summary>
    Stack,
}
