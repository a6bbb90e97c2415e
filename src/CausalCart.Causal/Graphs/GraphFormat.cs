namespace CausalCart.Causal.Graphs;

/// <summary>Text formats a causal graph can be written in (see <see cref="GraphParser"/>).</summary>
public enum GraphFormat
{
    /// <summary>Pick the format from the text: <c>digraph</c>/<c>graph {</c> → DOT, <c>graph TD</c>/<c>flowchart</c> → Mermaid, <c>edges:</c> → YAML.</summary>
    Auto,

    /// <summary>A DOT subset: <c>digraph G { A -> B; A -> {B C}; A -> B [dir=both, style=dashed]; U; }</c>.</summary>
    Dot,

    /// <summary>A Mermaid <c>graph</c>/<c>flowchart</c> subset: <c>A --> B</c>, <c>A -.- B</c> or <c>A &lt;--&gt; B</c> (bidirected), chains <c>A --> B --> C</c>, labels <c>A[Ad spend]</c>.</summary>
    Mermaid,

    /// <summary>A YAML edge list: <c>nodes: [A, B]</c> (optional), <c>edges:</c> items <c>- A -> B</c>, <c>- A &lt;-> B</c>, <c>- [A, B]</c> or <c>- {from: A, to: B, latent: true}</c>.</summary>
    Yaml,
}
