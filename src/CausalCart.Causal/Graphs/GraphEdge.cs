namespace CausalCart.Causal.Graphs;

/// <summary>
/// One edge of a causal graph. For <see cref="EdgeKind.Bidirected"/> and <see cref="EdgeKind.Undirected"/>
/// edges the order of <see cref="From"/> and <see cref="To"/> carries no meaning.
/// </summary>
/// <param name="From">Name of the tail (cause) node.</param>
/// <param name="To">Name of the head (effect) node.</param>
/// <param name="Kind">Directed, bidirected (latent confounder) or undirected.</param>
/// <param name="Confidence">Share of bootstrap resamples in which a discovery algorithm found this edge
/// (0–1); <see langword="null"/> for edges drawn by an analyst.</param>
public sealed record GraphEdge(string From, string To, EdgeKind Kind = EdgeKind.Directed, double? Confidence = null)
{
    /// <summary>Text form: <c>A -&gt; B</c>, <c>A &lt;-&gt; B</c> or <c>A -- B</c>.</summary>
    public override string ToString() => Kind switch
    {
        EdgeKind.Directed => $"{From} -> {To}",
        EdgeKind.Bidirected => $"{From} <-> {To}",
        _ => $"{From} -- {To}",
    };
}
