namespace CausalCart.Causal.Graphs;

/// <summary>The kind of an edge between two variables of a causal graph.</summary>
public enum EdgeKind
{
    /// <summary><c>From → To</c>: <c>From</c> is a direct cause of <c>To</c>.</summary>
    Directed,

    /// <summary><c>From ↔ To</c>: a latent (unobserved) common cause of both; drawn as a dashed arc.</summary>
    Bidirected,

    /// <summary><c>From — To</c>: adjacent, direction not determined (only in discovered equivalence classes).</summary>
    Undirected,
}
