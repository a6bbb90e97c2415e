namespace CausalCart.Pipeline.Validation;

/// <summary>One simulated world of a coverage study: its truth and every estimate, or why it produced none.</summary>
/// <param name="Index">0-based world index.</param>
/// <param name="Seed">The world's simulation and analysis seed (study seed + index).</param>
/// <param name="Units">Eligible users analysed (0 when the analysis failed).</param>
/// <param name="Treated">Treated users analysed.</param>
/// <param name="TrueAte">True ATE of buying within 7 days over the eligible users.</param>
/// <param name="TrueAtt">True ATT over the treated eligible users.</param>
/// <param name="Estimates">Estimates per method and estimand, in the analysis's order; empty when <paramref name="Failure"/> is set.</param>
/// <param name="Failure">Why the analysis refused or failed (e.g. insufficient overlap); null when it succeeded.</param>
public sealed record CoverageWorld(
    int Index,
    int Seed,
    long Units,
    long Treated,
    double TrueAte,
    double TrueAtt,
    IReadOnlyList<CoverageWorldEstimate> Estimates,
    string? Failure);
