namespace CausalCart.Pipeline.Validation;

/// <summary>How close one discovered graph is to the mechanism's graph over the study table's columns.</summary>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="Knowledge">The background knowledge it was given.</param>
/// <param name="Shd">Structural Hamming distance: pairs of columns whose found state (none, →, ←, —) differs from the true
/// state (none, →, ←, ↔); a true ↔ (latent common cause) can be matched only by a found ↔, which PC and GES never output.</param>
/// <param name="SkeletonPrecision">Found adjacencies that are true adjacencies (→ or ↔), over found adjacencies.</param>
/// <param name="SkeletonRecall">True adjacencies found, over true adjacencies.</param>
/// <param name="Edges">The found edges, as text.</param>
public sealed record DiscoveryScore(
    DiscoveryAlgorithm Algorithm,
    TierKnowledge Knowledge,
    int Shd,
    double SkeletonPrecision,
    double SkeletonRecall,
    string Edges);
