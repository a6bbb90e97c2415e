using System.Xml.Linq;
using CausalCart.Causal.Graphs;

namespace CausalCart.Causal.Tests.Graphs;

public sealed class GraphSvgRendererTests
{
    [Fact]
    public void Svg_is_well_formed_with_arrows_and_dashed_arcs()
    {
        var g = TextbookGraphs.FrontDoor;
        string svg = GraphSvgRenderer.Render(g, ["t", "y"]);
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, doc.Descendants(ns + "line").Count());
        var arc = Assert.Single(doc.Descendants(ns + "path"), p => p.Attribute("stroke-dasharray") is not null);
        Assert.NotNull(arc.Attribute("marker-start"));
        Assert.Equal(["t", "m", "y"], doc.Descendants(ns + "text").Select(t => t.Value));
    }

    [Fact]
    public void Causes_are_drawn_above_effects_and_names_are_escaped()
    {
        var g = CausalGraph.Create([], [new("a<b", "c&d"), new("c&d", "e")]);
        var doc = XDocument.Parse(GraphSvgRenderer.Render(g));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var ys = doc.Descendants(ns + "text").ToDictionary(t => t.Value, t => double.Parse(t.Attribute("y")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ys["a<b"] < ys["c&d"] && ys["c&d"] < ys["e"]);
    }
}
