namespace CausalCart.Causal.Graphs;

/// <summary>Everything <see cref="CausalIdentifier.Identify"/> found for one treatment and one outcome.</summary>
/// <param name="Treatment">The treatment T.</param>
/// <param name="Outcome">The outcome Y.</param>
/// <param name="Strategy">The preferred identification strategy.</param>
/// <param name="AdjustmentSet">An inclusion-minimal valid adjustment set, or null when none exists.</param>
/// <param name="OptimalAdjustmentSet">The efficiency-optimal O-set (graphs without latent confounders and an adjustment set); otherwise null.</param>
/// <param name="FrontDoorSet">A front-door mediator set, or null.</param>
/// <param name="Instruments">Instrumental variables (with their conditioning sets).</param>
/// <param name="General">The ID algorithm's answer (always computed).</param>
/// <param name="Estimand">The formula of the preferred strategy, or null when not identifiable.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
public sealed record IdentificationReport(
    string Treatment,
    string Outcome,
    IdentificationStrategy Strategy,
    IReadOnlyList<string>? AdjustmentSet,
    IReadOnlyList<string>? OptimalAdjustmentSet,
    IReadOnlyList<string>? FrontDoorSet,
    IReadOnlyList<Instrument> Instruments,
    IdentificationResult General,
    string? Estimand,
    string Verdict);
