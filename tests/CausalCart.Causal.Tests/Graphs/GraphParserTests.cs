using CausalCart.Causal.Graphs;
using CausalCart.Core.Errors;

namespace CausalCart.Causal.Tests.Graphs;

public sealed class GraphParserTests
{
    private static string Shape(CausalGraph g) => string.Join("; ", g.Edges.Select(e => e.ToString()).Order(StringComparer.Ordinal));

    [Fact]
    public void Dot_mermaid_and_yaml_give_the_same_graph()
    {
        const string dot = """
            digraph shop {
              rankdir=LR; // layout hint, ignored
              node [shape=box];
              discount -> {basket revenue};
              basket -> revenue
              "season" -> discount -> basket [color=red];
              season -> revenue [dir=both, style=dashed];
            }
            """;
        const string mermaid = """
            graph TD
              %% analysts' drawing
              discount[Discount shown] --> basket & revenue
              basket --> revenue
              season((Season)) --> discount
              season -.- revenue
            """;
        const string yaml = """
            # shop model
            nodes: [discount, basket, revenue, season]
            edges:
              - discount -> basket
              - [discount, revenue]
              - {from: basket, to: revenue}
              - from: season
                to: discount
              - season <-> revenue
            """;
        var a = GraphParser.Parse(dot).GetGraphOrThrow();
        var b = GraphParser.Parse(mermaid).GetGraphOrThrow();
        var c = GraphParser.Parse(yaml).GetGraphOrThrow();
        Assert.Equal(GraphFormat.Dot, GraphParser.Detect(dot));
        Assert.Equal(GraphFormat.Mermaid, GraphParser.Detect(mermaid));
        Assert.Equal(GraphFormat.Yaml, GraphParser.Detect(yaml));
        string expected = "basket -> revenue; discount -> basket; discount -> revenue; season -> discount; season <-> revenue";
        Assert.Equal(expected, Shape(a));
        Assert.Equal(expected, Shape(b));
        Assert.Equal(expected, Shape(c));
        Assert.True(a.HasLatentConfounders);
    }

    [Fact]
    public void Mermaid_double_arrow_is_bidirected()
    {
        var g = GraphParser.Parse("flowchart LR\n  A --> B\n  A <--> B\n  B -->|drives| C\n").GetGraphOrThrow();
        Assert.Equal("A -> B; A <-> B; B -> C", Shape(g));
    }

    [Fact]
    public void Cycle_is_reported_with_the_line_of_every_edge()
    {
        var r = GraphParser.Parse("edges:\n  - a -> b\n  - x -> y\n  - b -> c\n  - c -> a\n");
        Assert.False(r.Succeeded);
        var e = Assert.Single(r.Errors);
        Assert.Contains("cycle", e.Message, StringComparison.Ordinal);
        Assert.Contains("(line 2)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(line 4)", e.Message, StringComparison.Ordinal);
        Assert.Contains("(line 5)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_loop_and_unknown_node_point_at_their_lines()
    {
        var r = GraphParser.Parse("nodes: [a, b]\nedges:\n  - a -> b\n  - b -> b\n  - a -> price\n");
        Assert.Equal([4, 5], r.Errors.Select(e => e.Line));
        Assert.Contains("self-loop", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("unknown node 'price'", r.Errors[1].Message, StringComparison.Ordinal);
        var ex = Assert.Throws<CausalCartException>(r.GetGraphOrThrow);
        Assert.Contains("line 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_cycle_and_undirected_edges_are_errors()
    {
        var r = GraphParser.Parse("digraph {\n a -> b\n b -> a\n c -- d\n}\n");
        Assert.Contains(r.Errors, e => e.Line == 4 && e.Message.Contains("no direction", StringComparison.Ordinal));
        var cyc = GraphParser.Parse("digraph {\n a -> b\n b -> a\n}\n");
        Assert.Contains("line 3", Assert.Single(cyc.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mermaid_garbage_is_reported_not_thrown()
    {
        var r = GraphParser.Parse("graph TD\n  A --> B\n  A ~~> !!\n");
        Assert.Equal(3, Assert.Single(r.Errors).Line);
        Assert.Equal(1, GraphParser.Parse("A --> B", GraphFormat.Mermaid).Errors[0].Line);
    }

    [Fact]
    public void Create_rejects_cycles_with_the_cycle_named()
    {
        var ex = Assert.Throws<CausalCartException>(() => CausalGraph.Create([], [new("a", "b"), new("b", "c"), new("c", "a")]));
        Assert.Contains("a -> b -> c -> a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_queries()
    {
        var g = TextbookGraphs.Butterfly;
        Assert.Equal(["a", "m"], g.Parents("t"));
        Assert.Equal(["a", "t", "m", "b"], g.Ancestors("t", "b"));
        Assert.Equal(["t", "y"], g.Descendants("t"));
        var order = g.TopologicalOrder().ToList();
        foreach (var e in g.Edges)
        {
            Assert.True(order.IndexOf(e.From) < order.IndexOf(e.To));
        }
    }
}
