namespace CausalCart.Features.Study;

/// <summary>The comparison units of a difference-in-differences study (<c>did.control</c>); the analysis maps it to the
/// estimator's own setting.</summary>
public enum DidControl
{
    /// <summary><c>never</c>: users never exposed to the rollout within the panel (the default).</summary>
    NeverTreated,

    /// <summary><c>not_yet</c>: never-treated users and users not yet exposed by the periods compared.</summary>
    NotYetTreated,
}

/// <summary>How a difference-in-differences study adjusts for its covariates (<c>did.estimation</c>); the analysis maps it
/// to the estimator's own setting. Without covariates the three coincide.</summary>
public enum DidEstimationMethod
{
    /// <summary><c>dr</c>: doubly robust (propensity and outcome-change models; Sant'Anna &amp; Zhao 2020). The default.</summary>
    DoublyRobust,

    /// <summary><c>reg</c>: outcome regression of the comparison units' change.</summary>
    OutcomeRegression,

    /// <summary><c>ipw</c>: inverse probability weighting of the comparison units.</summary>
    Ipw,
}

/// <summary>The base period of a difference-in-differences study (<c>did.base_period</c>); the analysis maps it to the
/// estimator's own setting.</summary>
public enum DidBase
{
    /// <summary><c>varying</c>: after treatment, compare with the last period before it; before treatment, each period
    /// with the one before (short placebo differences). The default.</summary>
    Varying,

    /// <summary><c>universal</c>: every period compares with the last one before treatment (an event-study plot with a
    /// fixed reference).</summary>
    Universal,
}
