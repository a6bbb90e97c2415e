using CausalCart.Causal.Graphs;

namespace CausalCart.Causal.Tests.Graphs;

public sealed class GraphWriterTests
{
    [Theory]
    [InlineData(GraphFormat.Dot)]
    [InlineData(GraphFormat.Mermaid)]
    [InlineData(GraphFormat.Yaml)]
    public void Written_graph_parses_back_to_the_same_nodes_and_edges(GraphFormat format)
    {
        var g = TextbookGraphs.Yaml("nodes: [lonely, a, t, y, m]\nedges:\n  - a -> t\n  - a -> y\n  - t -> m\n  - m -> y\n  - t <-> y\n");
        var text = GraphWriter.Write(g, format, ["made by a test"]);
        var back = GraphParser.Parse(text, format);
        Assert.True(back.Succeeded, string.Join("\n", back.Errors) + "\n" + text);
        Assert.Equal(g.Nodes.Order(), back.Graph!.Nodes.Order());
        Assert.Equal(g.Edges.Select(Key).Order(), back.Graph.Edges.Select(Key).Order());
        Assert.Equal(format, GraphParser.Detect(text));
    }

    [Theory]
    [InlineData(GraphFormat.Dot)]
    [InlineData(GraphFormat.Mermaid)]
    [InlineData(GraphFormat.Yaml)]
    public void Undirected_edges_are_written_so_the_parser_points_at_their_line(GraphFormat format)
    {
        GraphEdge[] edges = [new("a", "b", EdgeKind.Directed, 0.9), new("b", "c", EdgeKind.Undirected, 0.55)];
        var text = GraphWriter.Write(["a", "b", "c"], edges, format);
        var parsed = GraphParser.Parse(text, format);
        var error = Assert.Single(parsed.Errors);
        Assert.Contains("b", text.Split('\n')[error.Line - 1], StringComparison.Ordinal);
        Assert.Contains("c", text.Split('\n')[error.Line - 1], StringComparison.Ordinal);
        Assert.Contains("0.55", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_quotes_names_that_are_not_plain_ids()
    {
        var text = GraphWriter.Write(["views 7d", "bought"], [new GraphEdge("views 7d", "bought")], GraphFormat.Dot);
        Assert.Contains("\"views 7d\" -> bought", text, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GraphWriter.Write(["views 7d", "bought"], [new GraphEdge("views 7d", "bought")], GraphFormat.Mermaid));
    }

    private static string Key(GraphEdge e) => e.Kind == EdgeKind.Bidirected
        ? string.Join(" <-> ", new[] { e.From, e.To }.Order())
        : e.ToString();
}
