using CausalCart.Causal.Graphs;
using CausalCart.Core.Results;

namespace CausalCart.Reporting;

/// <summary>The words and the drawing of the report's causal-graph section (shared by the HTML and Markdown reports).</summary>
internal static class GraphSection
{
    /// <summary>The graph drawn as SVG with treatment and outcome in bold; null when the stored graph cannot be rebuilt.</summary>
    public static string? Svg(GraphIdentification id)
    {
        try
        {
            var graph = Rebuild(id);
            return GraphSvgRenderer.Render(graph, [id.Treatment, id.Outcome]);
        }
        catch (Core.Errors.CausalCartException)
        {
            return null; // a hand-edited result with a cyclic graph: the words still stand
        }
    }

    /// <summary>The graph as DOT text (for the Markdown report, where an SVG cannot be embedded).</summary>
    public static string Dot(GraphIdentification id) => GraphWriter.Write(id.Nodes, [.. id.Links.Select(ToEdge)], GraphFormat.Dot);

    /// <summary>What was adjusted for, in a merchant's words.</summary>
    public static string Adjustment(GraphIdentification id) => id.AdjustmentSet switch
    {
        null => "No set of measured variables removes the confounding, so no covariate adjustment can give the causal effect.",
        { Count: 0 } => $"According to the graph nothing measured influences both {id.Treatment} and {id.Outcome}, so no adjustment is needed.",
        var set => $"To compare like with like, the analysis adjusts for {List(set)}: according to the graph, adjusting for exactly these blocks every non-causal path between {id.Treatment} and {id.Outcome} without cutting into the effect itself."
            + (id.LeftOut.Count > 0 ? $" The other {id.LeftOut.Count} covariate(s) were left out because the graph does not need them." : string.Empty),
    };

    /// <summary>A one-line name of the identification strategy.</summary>
    public static string Strategy(IdentificationKind kind) => kind switch
    {
        IdentificationKind.Adjustment => "covariate adjustment (backdoor)",
        IdentificationKind.FrontDoor => "front-door formula",
        IdentificationKind.GeneralId => "general identification formula",
        _ => "not identifiable",
    };

    /// <summary>What the bad-control role means, in a merchant's words.</summary>
    public static string Role(BadControlRole role) => role switch
    {
        BadControlRole.Mediator => "mediator",
        BadControlRole.Collider => "collider",
        _ => "affected by the treatment",
    };

    private static CausalGraph Rebuild(GraphIdentification id) => CausalGraph.Create(id.Nodes, id.Links.Select(ToEdge));

    private static GraphEdge ToEdge(GraphLink l) => new(l.From, l.To, l.Latent ? EdgeKind.Bidirected : EdgeKind.Directed, l.Confidence);

    private static string List(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        2 => $"{names[0]} and {names[1]}",
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
