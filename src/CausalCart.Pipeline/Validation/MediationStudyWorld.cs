namespace CausalCart.Pipeline.Validation;

/// <summary>One world of a mediation study.</summary>
/// <param name="Index">0-based world index.</param>
/// <param name="Seed">Its ShopSim seed.</param>
/// <param name="Units">Eligible users analysed (after trimming, when <see cref="MediationStudyOptions.TrimPropensity"/> is set).</param>
/// <param name="Treated">Of which treated.</param>
/// <param name="Estimates">TE, NDE, NIE and (when the total effect is distinguishable from 0) the share, against the truth.</param>
/// <param name="Discovery">PC and GES scores without and with tiers (empty when discovery is off).</param>
public sealed record MediationStudyWorld(
    int Index,
    int Seed,
    int Units,
    long Treated,
    IReadOnlyList<MediationStudyEstimate> Estimates,
    IReadOnlyList<DiscoveryScore> Discovery);
