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
