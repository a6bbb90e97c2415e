using CausalCart.Causal.Graphs;
using CausalCart.Core.Errors;

namespace CausalCart.Causal.Tests.Graphs;

public sealed class IdentificationTests
{
    [Fact]
    public void M_bias_empty_set_is_valid_and_conditioning_on_the_collider_is_not()
    {
        var g = TextbookGraphs.MBias;
        Assert.True(Identification.IsBackdoorSet(g, ["t"], ["y"], []));
        Assert.True(Identification.IsAdjustmentSet(g, ["t"], ["y"], []));
        Assert.False(Identification.IsBackdoorSet(g, ["t"], ["y"], ["m"]));
        Assert.False(Identification.IsAdjustmentSet(g, ["t"], ["y"], ["m"]));
        Assert.True(Identification.IsAdjustmentSet(g, ["t"], ["y"], ["m", "a"]));
        Assert.Empty(Identification.MinimalAdjustmentSet(g, ["t"], ["y"])!);
    }

    [Fact]
    public void M_bias_optimal_set_is_the_outcome_parent()
    {
        // O = pa(cn) \ forb = pa(y) \ {t, y} = {b} (Henckel et al. 2022, Example 3.9 style).
        Assert.Equal(["b"], Identification.OptimalAdjustmentSet(TextbookGraphs.MBias, ["t"], ["y"]));
    }

    [Fact]
    public void Butterfly_needs_the_collider_and_one_of_its_parents()
    {
        var g = TextbookGraphs.Butterfly;
        Assert.False(Identification.IsAdjustmentSet(g, ["t"], ["y"], ["m"]));
        Assert.False(Identification.IsAdjustmentSet(g, ["t"], ["y"], []));
        Assert.True(Identification.IsAdjustmentSet(g, ["t"], ["y"], ["m", "a"]));
        Assert.True(Identification.IsAdjustmentSet(g, ["t"], ["y"], ["m", "b"]));
        var min = Identification.MinimalAdjustmentSet(g, ["t"], ["y"])!;
        Assert.Equal(2, min.Count);
        Assert.Contains("m", min);
        Assert.Equal(["m", "b"], Identification.OptimalAdjustmentSet(g, ["t"], ["y"]));
    }

    [Fact]
    public void Descendant_of_treatment_is_never_a_backdoor_variable()
    {
        var g = TextbookGraphs.FrontDoor;
        Assert.False(Identification.IsBackdoorSet(g, ["t"], ["y"], ["m"]));
    }

    [Fact]
    public void Front_door_graph_has_no_adjustment_set_but_a_front_door_set()
    {
        var g = TextbookGraphs.FrontDoor;
        Assert.Null(Identification.MinimalAdjustmentSet(g, ["t"], ["y"]));
        Assert.Equal(["m"], Identification.FindFrontDoorSet(g, "t", "y"));
        Assert.True(Identification.IsFrontDoorSet(g, "t", "y", ["m"]));
        var report = CausalIdentifier.Identify(g, "t", "y");
        Assert.Equal(IdentificationStrategy.FrontDoor, report.Strategy);
        Assert.Equal("Σ_{m} P(m|t) Σ_{t'} P(y|t',m) P(t')", report.Estimand);
    }

    [Fact]
    public void Front_door_fails_when_the_mediator_is_confounded_with_the_outcome()
    {
        var g = TextbookGraphs.Yaml("edges:\n  - t -> m\n  - m -> y\n  - t <-> y\n  - m <-> y\n");
        Assert.False(Identification.IsFrontDoorSet(g, "t", "y", ["m"]));
        Assert.Null(Identification.FindFrontDoorSet(g, "t", "y"));
    }

    [Fact]
    public void Instrument_is_found_unconditionally()
    {
        var ivs = Identification.FindInstruments(TextbookGraphs.Instrument, "t", "y");
        var iv = Assert.Single(ivs);
        Assert.Equal("z", iv.Name);
        Assert.Empty(iv.Conditioning);
    }

    [Fact]
    public void Conditional_instrument_needs_its_confounder_with_the_outcome()
    {
        var ivs = Identification.FindInstruments(TextbookGraphs.ConditionalInstrument, "t", "y");
        var iv = Assert.Single(ivs, i => i.Name == "z");
        Assert.Equal(["w"], iv.Conditioning);
    }

    [Fact]
    public void Confounder_is_adjusted_with_the_textbook_formula()
    {
        var report = CausalIdentifier.Identify(TextbookGraphs.Confounded, "t", "y");
        Assert.Equal(IdentificationStrategy.Adjustment, report.Strategy);
        Assert.Equal(["z"], report.AdjustmentSet);
        Assert.Equal("Σ_{z} P(y|t,z) P(z)", report.Estimand);
        Assert.Contains("adjusting for z", report.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_variable_error_lists_the_graph_nodes()
    {
        var ex = Assert.Throws<CausalCartException>(() => Identification.MinimalAdjustmentSet(TextbookGraphs.Confounded, ["price"], ["y"]));
        Assert.Contains("'price'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("z, t, y", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optimal_set_refuses_latent_confounders()
    {
        Assert.Throws<CausalCartException>(() => Identification.OptimalAdjustmentSet(TextbookGraphs.FrontDoor, ["t"], ["y"]));
    }
}
