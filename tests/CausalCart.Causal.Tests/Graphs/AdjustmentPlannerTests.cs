using CausalCart.Causal.Graphs;
using CausalCart.Core.Errors;
using CausalCart.Core.Results;

namespace CausalCart.Causal.Tests.Graphs;

public sealed class AdjustmentPlannerTests
{
    private static readonly CausalGraph Shop = TextbookGraphs.Yaml("""
        edges:
          - age -> coupon
          - age -> bought
          - coupon -> visit
          - visit -> bought
          - coupon -> review
          - bought -> review
          - coupon -> opened_email
          - a -> coupon
          - a -> m
          - b -> m
          - b -> bought
        """);

    [Fact]
    public void Chooses_a_valid_adjustment_set_and_names_each_bad_control()
    {
        var plan = AdjustmentPlanner.Plan(Shop, "coupon", "bought", Shop.Nodes, ["age", "visit", "review", "opened_email", "m", "segment"]);
        Assert.Equal(IdentificationKind.Adjustment, plan.Strategy);
        Assert.NotNull(plan.AdjustmentSet);
        Assert.True(Identification.IsAdjustmentSet(Shop, ["coupon"], ["bought"], plan.AdjustmentSet!));
        Assert.Contains("age", plan.AdjustmentSet!);
        var roles = plan.BadControls.ToDictionary(b => b.Name, b => b.Role);
        Assert.Equal(BadControlRole.Mediator, roles["visit"]);
        Assert.Equal(BadControlRole.Collider, roles["review"]);
        Assert.Equal(BadControlRole.DescendantOfTreatment, roles["opened_email"]);
        Assert.False(roles.ContainsKey("age"));
        Assert.Equal(["segment"], plan.NotInGraph);
        Assert.All(plan.BadControls, b => Assert.Contains(b.Name, b.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void M_bias_collider_is_bad_only_when_nothing_measured_closes_the_path()
    {
        // With a and b unmeasured, adjusting for m opens t <- a -> m <- b -> y.
        var closedNowhere = AdjustmentPlanner.Plan(TextbookGraphs.MBias, "t", "y", ["m"], ["m"]);
        Assert.Equal(BadControlRole.Collider, Assert.Single(closedNowhere.BadControls).Role);
        Assert.Empty(closedNowhere.AdjustmentSet!);

        // With a measured, {m, a} is valid: m is then harmless.
        var closed = AdjustmentPlanner.Plan(TextbookGraphs.MBias, "t", "y", ["m", "a"], ["m"]);
        Assert.Empty(closed.BadControls);
    }

    [Fact]
    public void Unmeasured_confounder_falls_back_to_the_front_door()
    {
        var g = TextbookGraphs.Yaml("edges:\n  - u -> t\n  - u -> y\n  - t -> m\n  - m -> y\n");
        var plan = AdjustmentPlanner.Plan(g, "t", "y", ["m"], []);
        Assert.Equal(IdentificationKind.FrontDoor, plan.Strategy);
        Assert.Null(plan.AdjustmentSet);
        Assert.Equal(["u"], plan.Unobserved);
        Assert.NotNull(plan.Estimand);

        var measured = AdjustmentPlanner.Plan(g, "t", "y", ["m", "u"], []);
        Assert.Equal(IdentificationKind.Adjustment, measured.Strategy);
        Assert.Equal(["u"], measured.AdjustmentSet);
    }

    [Fact]
    public void Bow_is_not_identifiable_with_a_reason()
    {
        var plan = AdjustmentPlanner.Plan(TextbookGraphs.Bow, "t", "y", [], []);
        Assert.Equal(IdentificationKind.NotIdentifiable, plan.Strategy);
        Assert.Null(plan.Estimand);
        Assert.Contains("cannot", plan.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_treatment_names_the_graph_nodes()
    {
        var ex = Assert.Throws<CausalCartException>(() => AdjustmentPlanner.Plan(TextbookGraphs.Confounded, "coupon", "y", [], []));
        Assert.Equal(ErrorKind.Usage, ex.Kind);
        Assert.Contains("'coupon'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("z, t, y", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latent_projection_keeps_identification_answers()
    {
        // u hidden: projection gives t <-> y, and m stays a front-door mediator.
        var g = TextbookGraphs.Yaml("edges:\n  - u -> t\n  - u -> y\n  - t -> m\n  - m -> y\n");
        var p = AdjustmentPlanner.Latentise(g, ["u"]);
        Assert.Equal(["t", "y", "m"], p.Nodes);
        Assert.Contains(p.Edges, e => e.Kind == EdgeKind.Bidirected && new[] { e.From, e.To }.Order().SequenceEqual(["t", "y"]));
        Assert.Equal(2, p.Edges.Count(e => e.Kind == EdgeKind.Directed));

        // A hidden chain a -> h -> b becomes a -> b.
        var chain = AdjustmentPlanner.Latentise(TextbookGraphs.Yaml("edges:\n  - a -> h\n  - h -> b\n"), ["h"]);
        Assert.Equal("a -> b", Assert.Single(chain.Edges).ToString());
    }
}
