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
