using CausalCart.Core.Events;

namespace CausalCart.Features.Study;

/// <summary>
/// Treated = the unit performs <see cref="Action"/> with t0 ≤ ts &lt; t0 + <see cref="TreatmentSpec.Within"/>:
/// on the unit's item for a user–item unit, on any item for a user unit
/// (<c>treatment: { action: cart, within: 10m }</c>).
/// </summary>
public sealed record ActionTreatment : TreatmentSpec
{
    /// <summary>Creates an action treatment.</summary>
    /// <param name="action">The treating action.</param>
    /// <param name="within">Grace period after time zero.</param>
    public ActionTreatment(CanonicalAction action, TimeSpan within)
        : base(within)
    {
        Action = action;
    }

    /// <summary>(<c>action</c>) The treating action.</summary>
    public CanonicalAction Action { get; init; }
}
