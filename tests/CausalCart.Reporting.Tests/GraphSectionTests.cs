using CausalCart.Core.Results;

namespace CausalCart.Reporting.Tests;

/// <summary>The causal-graph section of the reports (present only when the study gave a graph).</summary>
public sealed class GraphSectionTests
{
    private static AnalysisResult WithGraph() => SampleResults.Coupon() with
    {
        Identification = new GraphIdentification(
            "causes.dot",
            ["buys_30d", "coupon", "bought", "carts_7d", "mood"],
            [new("buys_30d", "coupon"), new("buys_30d", "bought"), new("coupon", "carts_7d"), new("carts_7d", "bought"), new("coupon", "bought"), new("mood", "bought", Latent: true), new("mood", "buys_30d", Latent: true)],
            "coupon",
            "bought",
            IdentificationKind.Adjustment,
            ["buys_30d"],
            "Σ_{buys_30d} P(bought|coupon,buys_30d) P(buys_30d)",
            "The effect of coupon on bought can be estimated from the data: adjusting for buys_30d removes every confounding path.",
            [new BadControlNote("carts_7d", BadControlRole.Mediator, "carts_7d is a mediator: coupon changes it and it changes bought.")],
            [],
            ["views_7d", "carts_7d"]),
    };

    [Fact]
    public void Html_has_the_svg_the_verdict_and_the_bad_controls_under_stable_ids()
    {
        var html = HtmlReport.Render(WithGraph());
        Assert.Contains("<section id=\"graph\">", html, StringComparison.Ordinal);
        var figure = html.IndexOf("<figure id=\"graph-svg\"", StringComparison.Ordinal);
        Assert.True(figure > 0);
        Assert.True(html.IndexOf("<svg", figure, StringComparison.Ordinal) > figure);
        Assert.Contains("stroke-dasharray", html, StringComparison.Ordinal); // the latent confounder arc
        Assert.Contains("id=\"graph-verdict\"", html, StringComparison.Ordinal);
        Assert.Contains("adjusts for buys_30d", html, StringComparison.Ordinal);
        Assert.Contains("<ul id=\"graph-bad-controls\">", html, StringComparison.Ordinal);
        Assert.Contains("carts_7d</code> (mediator)", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"design\"", StringComparison.Ordinal) < html.IndexOf("id=\"graph\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_has_the_section_with_the_graph_as_dot()
    {
        var md = MarkdownReport.Render(WithGraph());
        Assert.Contains("## Causal graph", md, StringComparison.Ordinal);
        Assert.Contains("```dot\ndigraph G {", md, StringComparison.Ordinal);
        Assert.Contains("mood -> bought [dir=both, style=dashed];", md, StringComparison.Ordinal);
        Assert.Contains("- carts\\_7d (mediator)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_graph_there_is_no_section_and_json_omits_it()
    {
        var plain = SampleResults.Coupon();
        Assert.DoesNotContain("id=\"graph\"", HtmlReport.Render(plain), StringComparison.Ordinal);
        Assert.DoesNotContain("## Causal graph", MarkdownReport.Render(plain), StringComparison.Ordinal);
        Assert.DoesNotContain("\"identification\"", JsonReport.Render(plain), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_round_trips_the_section_and_reads_a_1_0_result()
    {
        var original = WithGraph();
        Deep.AssertEqual(original, JsonReport.Parse(JsonReport.Render(original)));
        var old = JsonReport.Parse(JsonReport.Render(SampleResults.Coupon() with { SchemaVersion = "1.0" }));
        Assert.Null(old.Identification);
        Assert.Throws<System.Text.Json.JsonException>(() => JsonReport.Parse(JsonReport.Render(SampleResults.Coupon() with { SchemaVersion = "2.0" })));
        Assert.Throws<System.Text.Json.JsonException>(() => JsonReport.Parse(JsonReport.Render(SampleResults.Coupon() with { SchemaVersion = "1.9" })));
    }

    [Fact]
    public void Hostile_names_are_escaped_in_the_graph_section()
    {
        var hostile = WithGraph() with
        {
            Identification = WithGraph().Identification! with { Verdict = SampleResults.Payload, Source = SampleResults.Payload },
        };
        var html = HtmlReport.Render(hostile);
        var section = html[html.IndexOf("<section id=\"graph\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.DoesNotContain("<script>", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", section, StringComparison.Ordinal);
    }
}
