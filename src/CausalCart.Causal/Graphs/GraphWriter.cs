using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CausalCart.Causal.Graphs;

/// <summary>
/// Writes a graph as DOT, Mermaid or a YAML edge list that <see cref="GraphParser"/> reads back to the same nodes and
/// edges. Edge confidences (bootstrap frequencies of discovered edges) become DOT labels, Mermaid edge labels or YAML
/// comments, which the parser ignores. Undirected edges (direction not determined by discovery) are written as
/// undirected edges on purpose: the parser rejects them, pointing at their line, until the analyst orients them.
/// Deterministic; pure.
/// </summary>
public static partial class GraphWriter
{
    /// <summary>Writes <paramref name="edges"/> over <paramref name="nodes"/> in <paramref name="format"/> (<see cref="GraphFormat.Auto"/> means DOT).</summary>
    /// <param name="nodes">Every variable (isolated ones are written as declarations).</param>
    /// <param name="edges">The edges.</param>
    /// <param name="format">Output format.</param>
    /// <param name="header">Comment lines written at the top (e.g. how the graph was found); may be null.</param>
    /// <exception cref="ArgumentException">A node name cannot be written in Mermaid (only letters, digits and '_').</exception>
    public static string Write(IReadOnlyList<string> nodes, IReadOnlyList<GraphEdge> edges, GraphFormat format, IEnumerable<string>? header = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var sb = new StringBuilder();
        var connected = new HashSet<string>(edges.SelectMany(e => new[] { e.From, e.To }), StringComparer.Ordinal);
        var isolated = nodes.Where(n => !connected.Contains(n)).ToList();
        var inv = CultureInfo.InvariantCulture;
        switch (format)
        {
            case GraphFormat.Mermaid:
                foreach (var h in header ?? [])
                {
                    sb.Append("%% ").Append(h).Append('\n');
                }

                sb.Append("graph TD\n");
                foreach (var n in nodes.Where(n => !MermaidId().IsMatch(n)))
                {
                    throw new ArgumentException($"Node '{n}' cannot be written in Mermaid: ids are letters, digits and '_'. Write DOT or YAML instead.", nameof(nodes));
                }

                foreach (var e in edges)
                {
                    string arrow = e.Kind switch { EdgeKind.Directed => "-->", EdgeKind.Bidirected => "<-.->", _ => "---" };
                    string label = e.Confidence is { } c ? string.Create(inv, $"|{c:0.00}|") : string.Empty;
                    sb.Append("    ").Append(e.From).Append(' ').Append(arrow).Append(label).Append(' ').Append(e.To).Append('\n');
                }

                foreach (var n in isolated)
                {
                    sb.Append("    ").Append(n).Append('\n');
                }

                break;
            case GraphFormat.Yaml:
                foreach (var h in header ?? [])
                {
                    sb.Append("# ").Append(h).Append('\n');
                }

                sb.Append("nodes: [").Append(string.Join(", ", nodes.Select(YamlName))).Append("]\n");
                sb.Append(edges.Count == 0 ? "edges: []\n" : "edges:\n");
                foreach (var e in edges)
                {
                    string op = e.Kind switch { EdgeKind.Directed => "->", EdgeKind.Bidirected => "<->", _ => "--" };
                    sb.Append("  - ").Append(YamlName(e.From)).Append(' ').Append(op).Append(' ').Append(YamlName(e.To));
                    if (e.Confidence is { } c)
                    {
                        sb.Append(string.Create(inv, $"  # confidence {c:0.00}"));
                    }

                    sb.Append('\n');
                }

                break;
            default:
                foreach (var h in header ?? [])
                {
                    sb.Append("// ").Append(h).Append('\n');
                }

                sb.Append("digraph G {\n");
                foreach (var n in isolated)
                {
                    sb.Append("    ").Append(DotName(n)).Append(";\n");
                }

                foreach (var e in edges)
                {
                    string op = e.Kind == EdgeKind.Undirected ? "--" : "->";
                    sb.Append("    ").Append(DotName(e.From)).Append(' ').Append(op).Append(' ').Append(DotName(e.To));
                    var attrs = new List<string>();
                    if (e.Kind == EdgeKind.Bidirected)
                    {
                        attrs.Add("dir=both");
                        attrs.Add("style=dashed");
                    }

                    if (e.Confidence is { } c)
                    {
                        attrs.Add(string.Create(inv, $"label=\"{c:0.00}\""));
                    }

                    if (attrs.Count > 0)
                    {
                        sb.Append(" [").Append(string.Join(", ", attrs)).Append(']');
                    }

                    sb.Append(";\n");
                }

                sb.Append("}\n");
                break;
        }

        return sb.ToString();
    }

    /// <summary>Writes a <see cref="CausalGraph"/> (see <see cref="Write(IReadOnlyList{string}, IReadOnlyList{GraphEdge}, GraphFormat, IEnumerable{string}?)"/>).</summary>
    public static string Write(CausalGraph graph, GraphFormat format, IEnumerable<string>? header = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Write(graph.Nodes, graph.Edges, format, header);
    }

    private static string DotName(string n) => DotId().IsMatch(n) ? n : "\"" + n.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string YamlName(string n) => YamlPlain().IsMatch(n) ? n : "\"" + n + "\"";

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_.]*$")]
    private static partial Regex DotId();

    [GeneratedRegex(@"^[\p{L}\p{N}_]+$")]
    private static partial Regex MermaidId();

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_.]*$")]
    private static partial Regex YamlPlain();
}
