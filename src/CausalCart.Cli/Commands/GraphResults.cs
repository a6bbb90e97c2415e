using CausalCart.Causal.Graphs;
using CausalCart.Core.Results;

namespace CausalCart.Cli.Commands;

/// <summary>The schema version of the <c>causalcart graph</c> JSON records.</summary>
public static class GraphSchema
{
    /// <summary>Version of <see cref="GraphCheckResult"/>, <see cref="GraphIdentifyResult"/> and <see cref="GraphDiscoverResult"/>.</summary>
    public const string Version = "1.0";
}

/// <summary><c>causalcart graph check --json</c>: whether a graph file is valid.</summary>
/// <param name="SchemaVersion">Always <see cref="GraphSchema.Version"/>.</param>
/// <param name="Path">The file checked.</param>
/// <param name="Format">The format read (detected or given).</param>
/// <param name="Valid">Whether the graph is valid.</param>
/// <param name="Nodes">Its variables (empty when invalid).</param>
/// <param name="Links">Its edges (empty when invalid).</param>
/// <param name="Errors">Every problem, with its line; empty when valid.</param>
public sealed record GraphCheckResult(
    string SchemaVersion,
    string Path,
    GraphFormat Format,
    bool Valid,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<GraphLink> Links,
    IReadOnlyList<GraphParseError> Errors);

/// <summary><c>causalcart graph identify --json</c>: how the effect of a treatment on an outcome is identified.</summary>
/// <param name="SchemaVersion">Always <see cref="GraphSchema.Version"/>.</param>
/// <param name="Path">The graph file.</param>
/// <param name="Treatment">The treatment node.</param>
/// <param name="Outcome">The outcome node.</param>
/// <param name="Identifiable">Whether the effect is identified by some strategy.</param>
/// <param name="Strategy">The preferred strategy over the measured variables.</param>
/// <param name="Estimand">Its formula; null when not identifiable.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
/// <param name="AdjustmentSet">The adjustment set over measured variables (optimal when possible); null when none.</param>
/// <param name="MinimalAdjustmentSet">An inclusion-minimal adjustment set over measured variables; null when none.</param>
/// <param name="OptimalAdjustmentSet">The efficiency-optimal O-set when it exists and is measured; null otherwise.</param>
/// <param name="FrontDoorSet">A front-door mediator set, or null.</param>
/// <param name="Instruments">Instrumental variables with their conditioning sets.</param>
/// <param name="GeneralIdEstimand">The ID algorithm's formula, or null when it proves non-identifiability.</param>
/// <param name="Hedge">When not identifiable: the nodes of the hedge that proves it (F); empty otherwise.</param>
/// <param name="BadControls">Requested controls (<c>--controls</c>) that must not be adjusted for.</param>
/// <param name="Unobserved">Graph nodes treated as unmeasured.</param>
public sealed record GraphIdentifyResult(
    string SchemaVersion,
    string Path,
    string Treatment,
    string Outcome,
    bool Identifiable,
    IdentificationKind Strategy,
    string? Estimand,
    string Verdict,
    IReadOnlyList<string>? AdjustmentSet,
    IReadOnlyList<string>? MinimalAdjustmentSet,
    IReadOnlyList<string>? OptimalAdjustmentSet,
    IReadOnlyList<string>? FrontDoorSet,
    IReadOnlyList<Instrument> Instruments,
    string? GeneralIdEstimand,
    IReadOnlyList<string> Hedge,
    IReadOnlyList<BadControlNote> BadControls,
    IReadOnlyList<string> Unobserved);

/// <summary><c>causalcart graph discover --json</c>: a graph learned from a table.</summary>
/// <param name="SchemaVersion">Always <see cref="GraphSchema.Version"/>.</param>
/// <param name="Data">The table read.</param>
/// <param name="Rows">Rows used (rows with a missing value are dropped).</param>
/// <param name="DroppedRows">Rows dropped for a missing value.</param>
/// <param name="Method">The algorithm with its settings.</param>
/// <param name="Nodes">The variables.</param>
/// <param name="Links">Directed and bidirected edges (with bootstrap confidences when requested).</param>
/// <param name="Undirected">Edges whose direction the data could not tell (orient them before identification).</param>
/// <param name="Tiers">The temporal tiers used, earliest first.</param>
/// <param name="Verdict">One sentence a merchant can read.</param>
/// <param name="Graph">The graph text in the requested format, ready to edit.</param>
public sealed record GraphDiscoverResult(
    string SchemaVersion,
    string Data,
    int Rows,
    int DroppedRows,
    string Method,
    IReadOnlyList<string> Nodes,
    IReadOnlyList<GraphLink> Links,
    IReadOnlyList<GraphLink> Undirected,
    IReadOnlyList<IReadOnlyList<string>> Tiers,
    string Verdict,
    string Graph);
