using CausalCart.Core.Results;

namespace CausalCart.Causal.Graphs;

/// <summary>What <see cref="AdjustmentPlanner.Plan"/> decided for one treatment, outcome and set of measured variables.</summary>
/// <param name="Treatment">The treatment node.</param>
/// <param name="Outcome">The outcome node.</param>
/// <param name="Strategy">The identification strategy over the measured variables.</param>
/// <param name="AdjustmentSet">The measured variables to adjust for: the efficiency-optimal O-set when it exists and is
/// measured, else an inclusion-minimal valid set; null when no valid set of measured variables exists.</param>
/// <param name="Estimand">The identifying formula of <paramref name="Strategy"/>; null when not identifiable.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
/// <param name="BadControls">Requested controls the graph says must not be adjusted for.</param>
/// <param name="Unobserved">Graph nodes that are not measured.</param>
/// <param name="NotInGraph">Requested controls the graph does not mention.</param>
public sealed record AdjustmentPlan(
    string Treatment,
    string Outcome,
    IdentificationKind Strategy,
    IReadOnlyList<string>? AdjustmentSet,
    string? Estimand,
    string Verdict,
    IReadOnlyList<BadControlNote> BadControls,
    IReadOnlyList<string> Unobserved,
    IReadOnlyList<string> NotInGraph);
