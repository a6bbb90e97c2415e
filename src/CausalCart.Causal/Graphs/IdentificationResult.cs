namespace CausalCart.Causal.Graphs;

/// <summary>The answer of <see cref="IdAlgorithm.Identify"/>.</summary>
/// <param name="Treatments">The intervened variables T.</param>
/// <param name="Outcomes">The outcome variables Y.</param>
/// <param name="IsIdentifiable">Whether P(y | do(t)) is a function of the observed distribution.</param>
/// <param name="Estimand">The formula for P(y | do(t)) in observational terms, e.g.
/// <c>Σ_{m} P(m|t) Σ_{t'} P(y|t',m) P(t')</c> (primes mark summation copies of a treatment); null when not identifiable.</param>
/// <param name="HedgeF">When not identifiable: the nodes of the hedge's larger c-forest F (Shpitser &amp; Pearl 2006, Def. 5).</param>
/// <param name="HedgeFPrime">When not identifiable: the nodes of the smaller c-forest F' ⊂ F.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
public sealed record IdentificationResult(
    IReadOnlyList<string> Treatments,
    IReadOnlyList<string> Outcomes,
    bool IsIdentifiable,
    string? Estimand,
    IReadOnlyList<string> HedgeF,
    IReadOnlyList<string> HedgeFPrime,
    string Verdict);
