using System.Diagnostics;
using CausalCart.Causal.Graphs;
using Xunit.Abstractions;

namespace CausalCart.Causal.Tests.Graphs;

public sealed class IdAlgorithmTests(ITestOutputHelper output)
{
    [Fact]
    public void Bow_is_not_identifiable_and_names_the_hedge()
    {
        var r = IdAlgorithm.Identify(TextbookGraphs.Bow, ["t"], ["y"]);
        Assert.False(r.IsIdentifiable);
        Assert.Null(r.Estimand);
        Assert.Equal(["t", "y"], r.HedgeF);
        Assert.Equal(["y"], r.HedgeFPrime);
        Assert.Contains("cannot be estimated", r.Verdict, StringComparison.Ordinal);
        Assert.Equal(IdentificationStrategy.NotIdentifiable, CausalIdentifier.Identify(TextbookGraphs.Bow, "t", "y").Strategy);
    }

    [Fact]
    public void Instrument_graph_is_not_identifiable_nonparametrically_but_reports_the_instrument()
    {
        var rep = CausalIdentifier.Identify(TextbookGraphs.Instrument, "t", "y");
        Assert.Equal(IdentificationStrategy.NotIdentifiable, rep.Strategy);
        Assert.Contains("instrument (z)", rep.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Front_door_is_found_by_ID()
    {
        var r = IdAlgorithm.Identify(TextbookGraphs.FrontDoor, ["t"], ["y"]);
        Assert.True(r.IsIdentifiable);
        Assert.Equal("Σ_{m} P(m|t) Σ_{t'} P(t') P(y|t',m)", r.Estimand);
    }

    [Fact]
    public void Napkin_is_identifiable_by_ID_only()
    {
        var g = TextbookGraphs.Napkin;
        Assert.Null(Identification.MinimalAdjustmentSet(g, ["x"], ["y"]));
        Assert.Null(Identification.FindFrontDoorSet(g, "x", "y"));
        var r = IdAlgorithm.Identify(g, ["x"], ["y"]);
        Assert.True(r.IsIdentifiable, r.Verdict);
        output.WriteLine(r.Estimand);

        // The napkin estimand is a ratio (Pearl & Mackenzie 2018): the formula must divide and keep w2 fixed.
        Assert.Contains(" / ", r.Estimand, StringComparison.Ordinal);
        Assert.Contains("w2", r.Estimand, StringComparison.Ordinal);
        Assert.Equal(IdentificationStrategy.GeneralId, CausalIdentifier.Identify(g, "x", "y").Strategy);
    }

    [Fact]
    public void Confounding_triangle_by_ID_is_the_adjustment_formula()
    {
        var r = IdAlgorithm.Identify(TextbookGraphs.Confounded, ["t"], ["y"]);
        Assert.Equal("Σ_{z} P(z) P(y|z,t)", r.Estimand);
    }

    [Fact]
    public void Unconfounded_effect_is_the_conditional()
    {
        var r = IdAlgorithm.Identify(TextbookGraphs.Yaml("edges:\n  - t -> y\n"), ["t"], ["y"]);
        Assert.Equal("P(y|t)", r.Estimand);
    }

    [Fact]
    public void No_causal_path_gives_the_marginal()
    {
        var r = IdAlgorithm.Identify(TextbookGraphs.Yaml("edges:\n  - y -> t\n"), ["t"], ["y"]);
        Assert.Equal("P(y)", r.Estimand);
    }

    [Fact]
    public void Hedge_with_a_mediator_in_the_district_is_not_identifiable()
    {
        // t → m → y with t ↔ m ↔ y … classic non-identifiable extension of the bow (Shpitser & Pearl 2006, Fig. 1).
        var g = TextbookGraphs.Yaml("edges:\n  - t -> m\n  - m -> y\n  - t <-> m\n");
        Assert.False(IdAlgorithm.Identify(g, ["t"], ["y"]).IsIdentifiable);
    }

    [Fact]
    public void Random_200_node_dag_is_identified_and_agrees_with_adjustment()
    {
        var g = TextbookGraphs.RandomDag(200, 0.03, seed: 7);
        var sw = Stopwatch.StartNew();
        var r = IdAlgorithm.Identify(g, ["v20"], ["v190"]);
        var idTime = sw.Elapsed;
        sw.Restart();
        var rep = CausalIdentifier.Identify(g, "v20", "v190");
        output.WriteLine($"ID on 200 nodes / {g.Edges.Count} edges: {idTime.TotalMilliseconds:0.0} ms; full report: {sw.Elapsed.TotalMilliseconds:0.0} ms; estimand length {r.Estimand!.Length}");
        Assert.True(r.IsIdentifiable);
        Assert.Equal(IdentificationStrategy.Adjustment, rep.Strategy);
        Assert.True(Identification.IsAdjustmentSet(g, ["v20"], ["v190"], rep.OptimalAdjustmentSet!));
    }

    [Fact]
    public void Random_admgs_ID_is_never_weaker_than_adjustment_or_front_door()
    {
        // Soundness cross-check: whenever a graphical criterion identifies the effect, ID must too.
        var sw = Stopwatch.StartNew();
        int identified = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var dag = TextbookGraphs.RandomDag(seed < 20 ? 12 : 200, seed < 20 ? 0.25 : 0.03, seed);
            var rng = new Random(seed);
            var edges = dag.Edges.ToList();
            int latents = seed < 20 ? 3 : 30;
            for (int k = 0; k < latents; k++)
            {
                int a = rng.Next(dag.Count), b = rng.Next(dag.Count);
                if (a != b)
                {
                    edges.Add(new GraphEdge(dag.Nodes[a], dag.Nodes[b], EdgeKind.Bidirected));
                }
            }

            var g = CausalGraph.Create(dag.Nodes, edges);
            string t = g.Nodes[1], y = g.Nodes[g.Count - 1];
            var id = IdAlgorithm.Identify(g, [t], [y]);
            identified += id.IsIdentifiable ? 1 : 0;
            if (Identification.MinimalAdjustmentSet(g, [t], [y]) is not null || Identification.FindFrontDoorSet(g, t, y) is not null)
            {
                Assert.True(id.IsIdentifiable, $"seed {seed}: adjustment/front-door works but ID failed: {id.Verdict}");
            }
            else if (!id.IsIdentifiable)
            {
                Assert.NotEmpty(id.HedgeF);
                Assert.True(id.HedgeFPrime.All(id.HedgeF.Contains));
            }
        }

        output.WriteLine($"40 random ADMGs (20 with 200 nodes): {sw.Elapsed.TotalMilliseconds:0} ms, {identified} identifiable");
    }
}
