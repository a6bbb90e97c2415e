using CausalCart.Causal.Graphs;
using CausalCart.Core.Errors;

namespace CausalCart.Causal.Discovery;

/// <summary>
/// The output of a discovery algorithm: a (partially) directed graph whose undirected edges could not be
/// oriented from the data and knowledge (the Markov equivalence class, a CPDAG, for PC), with a bootstrap
/// confidence on each edge when requested.
/// </summary>
/// <param name="Nodes">Variable names.</param>
/// <param name="Edges">Directed (<c>From → To</c>) and undirected edges; <see cref="GraphEdge.Confidence"/> is the share of
/// bootstrap resamples in which the two variables were adjacent.</param>
/// <param name="Method">The algorithm that produced it, e.g. <c>PC-stable (Fisher-z, α = 0.01)</c>.</param>
public sealed record DiscoveredGraph(IReadOnlyList<string> Nodes, IReadOnlyList<GraphEdge> Edges, string Method)
{
    /// <summary>One sentence a merchant can read, e.g. "The data suggest 12 direct links between 10 variables; 9 have a clear direction, 3 could point either way."</summary>
    public string Verdict
    {
        get
        {
            int directed = Edges.Count(e => e.Kind == EdgeKind.Directed), und = Edges.Count - directed;
            string s = $"The data suggest {Edges.Count} direct link(s) between {Nodes.Count} variables; {directed} have a clear direction, {und} could point either way";
            var weak = Edges.Where(e => e.Confidence is < 0.5).ToList();
            return s + (weak.Count > 0 ? $", and {weak.Count} appear in fewer than half of the resampled datasets, so treat them as tentative." : ".");
        }
    }

    /// <summary>Edges left undirected.</summary>
    public IReadOnlyList<GraphEdge> UndirectedEdges => [.. Edges.Where(e => e.Kind == EdgeKind.Undirected)];

    /// <summary>
    /// The causal graph for identification. With <paramref name="minConfidence"/>, edges found in fewer bootstrap
    /// resamples are dropped first.
    /// </summary>
    /// <exception cref="CausalCartException">Edges remain undirected (listed); orient them with background knowledge
    /// (tiers or required edges) or by editing the graph.</exception>
    public CausalGraph ToCausalGraph(double minConfidence = 0)
    {
        var kept = Edges.Where(e => (e.Confidence ?? 1) >= minConfidence).ToList();
        var und = kept.Where(e => e.Kind == EdgeKind.Undirected).ToList();
        if (und.Count > 0)
        {
            throw new CausalCartException($"The discovered graph has {und.Count} undirected edge(s) ({string.Join(", ", und.Take(10))}); the data cannot tell their direction. Add temporal tiers or required edges, or orient them by hand.");
        }

        return CausalGraph.Create(Nodes, kept);
    }
}
