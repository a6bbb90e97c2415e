namespace CausalCart.Causal.Mediation;

/// <summary>Natural direct and indirect effects of a binary treatment through one or more mediators.</summary>
/// <param name="TotalEffect">TE = E[Y(1, M(1))] − E[Y(0, M(0))].</param>
/// <param name="DirectEffect">Natural direct effect NDE = E[Y(1, M(0))] − E[Y(0, M(0))]: the effect with the mediator held at what it would have been untreated.</param>
/// <param name="IndirectEffect">Natural indirect effect NIE = E[Y(1, M(1))] − E[Y(1, M(0))]: the part that passes through the mediator. TE = NDE + NIE.</param>
/// <param name="ProportionMediated">NIE / TE with a delta-method interval; null when the total effect is indistinguishable from 0 (|TE| &lt; 2 SE), where the share is meaningless.</param>
/// <param name="Units">Units analysed.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
/// <param name="Warnings">Clipped probabilities and similar notes.</param>
public sealed record MediationResult(
    MediationEffect TotalEffect,
    MediationEffect DirectEffect,
    MediationEffect IndirectEffect,
    MediationEffect? ProportionMediated,
    int Units,
    string Verdict,
    IReadOnlyList<string> Warnings);
