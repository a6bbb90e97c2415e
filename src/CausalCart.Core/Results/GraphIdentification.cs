namespace CausalCart.Core.Results;

/// <summary>
/// The identification section of an analysis that was given a causal graph (the study spec's <c>graph:</c> key):
/// the graph itself, whether and how the effect is identified, the adjustment set that became the covariates,
/// and the requested controls the graph marks as bad (mediators, colliders, other descendants of the treatment).
/// Added in schema 1.1; absent (null) when no graph was given.
/// </summary>
/// <param name="Source">Where the graph came from: its file path, or <c>inline</c>.</param>
/// <param name="Nodes">The graph's variables, in order of first mention.</param>
/// <param name="Links">Its edges.</param>
/// <param name="Treatment">The graph node standing for the treatment.</param>
/// <param name="Outcome">The graph node standing for the outcome.</param>
/// <param name="Strategy">How the effect is identified (adjustment, front-door, general ID formula) or not.</param>
/// <param name="AdjustmentSet">The observed variables adjusted for (the efficiency-optimal set when it exists, else an
/// inclusion-minimal one); null when no valid adjustment set exists.</param>
/// <param name="Estimand">The identifying formula, e.g. <c>Σ_{z} P(y|t,z) P(z)</c>; null when not identifiable.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
/// <param name="BadControls">Requested controls the graph says must not be adjusted for, with the reason.</param>
/// <param name="Unobserved">Graph variables with no column in the unit table (treated as unmeasured).</param>
/// <param name="LeftOut">Covariates of the unit table that were not adjusted for (not in the graph, or not needed).</param>
public sealed record GraphIdentification(
    string Source,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<GraphLink> Links,
    string Treatment,
    string Outcome,
    IdentificationKind Strategy,
    IReadOnlyList<string>? AdjustmentSet,
    string? Estimand,
    string Verdict,
    IReadOnlyList<BadControlNote> BadControls,
    IReadOnlyList<string> Unobserved,
    IReadOnlyList<string> LeftOut);

/// <summary>One edge of a causal graph as stored in a result.</summary>
/// <param name="From">Cause (tail).</param>
/// <param name="To">Effect (head).</param>
/// <param name="Latent">True for a bidirected edge: an unobserved common cause of both.</param>
/// <param name="Confidence">Bootstrap frequency of the edge when it was discovered from data; null when drawn by hand.</param>
public sealed record GraphLink(string From, string To, bool Latent = false, double? Confidence = null);

/// <summary>A requested control that the causal graph says must not be adjusted for.</summary>
/// <param name="Name">The control (a graph node and unit-table column).</param>
/// <param name="Role">Why it is bad.</param>
/// <param name="Reason">One sentence a merchant can read.</param>
public sealed record BadControlNote(string Name, BadControlRole Role, string Reason);

/// <summary>Why a control is bad according to the causal graph.</summary>
public enum BadControlRole
{
    /// <summary>On a causal path from the treatment to the outcome: adjusting removes part of the effect.</summary>
    Mediator,

    /// <summary>Conditioning on it opens a non-causal path between treatment and outcome (a common effect, or M-bias).</summary>
    Collider,

    /// <summary>Caused by the treatment (but not a mediator or collider): adjusting can bias the estimate.</summary>
    DescendantOfTreatment,
}

/// <summary>How a causal effect is identified from a graph.</summary>
public enum IdentificationKind
{
    /// <summary>Covariate adjustment (backdoor / generalised adjustment criterion).</summary>
    Adjustment,

    /// <summary>Pearl's front-door formula through mediators.</summary>
    FrontDoor,

    /// <summary>A formula from the general ID algorithm (Shpitser–Pearl).</summary>
    GeneralId,

    /// <summary>Not identifiable from the observed variables.</summary>
    NotIdentifiable,
}
