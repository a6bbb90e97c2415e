using CausalCart.Core.Results;

namespace CausalCart.Reporting.Tests;

/// <summary>The "Instrumental variables" section of a study report (<see cref="AnalysisResult.InstrumentalVariables"/>).</summary>
public sealed class InstrumentalVariablesSectionTests
{
    private static IvAnalysisResult Iv(double estimate, double se, string instrument = "the 'email_wave' campaign (arm 'email')") => new(
        SchemaVersions.Iv,
        "coupon-effect",
        new IvDesign("the November coupon", "a purchase within 7 days", instrument, ["views_7d", "buys_30d"], 48_210, 0, true, true,
            "linear outcome and treatment models, logistic models for 0/1 columns", 0.95),
        new IvEstimate("ols", "the association", 0.052, 0.0026, 0.047, 0.057, null, null, []),
        [
            new IvEstimate("2sls", "the effect of one unit of treatment", estimate, se, estimate - (1.96 * se), estimate + (1.96 * se), 412.5, null, ["First stage strong."]),
            new IvEstimate("dr_late", "the effect among compliers (LATE), doubly robust", estimate, se, estimate - (1.96 * se), estimate + (1.96 * se), 410.0, 0.31, []),
        ],
        ["The instrument moves a third of the users."],
        SampleResults.Coupon().Manifest);

    [Fact]
    public void Markdown_and_html_carry_the_section_with_the_estimates_table()
    {
        var result = SampleResults.Coupon() with { InstrumentalVariables = Iv(0.010, 0.004) };

        var md = MarkdownReport.Render(result);
        var html = HtmlReport.Render(result);

        Assert.Contains("## Instrumental variables\n\nUsing the 'email\\_wave' campaign (arm 'email') as an instrument, the November coupon changed a purchase within 7 days by", md, StringComparison.Ordinal);
        Assert.Contains("| Two-stage least squares |", md, StringComparison.Ordinal);
        Assert.Contains("| Doubly robust LATE |", md, StringComparison.Ordinal);
        Assert.Contains("- The instrument moves a third of the users.", md, StringComparison.Ordinal);
        Assert.Contains("<section id=\"instrumental-variables\">", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"iv-estimates\">", html, StringComparison.Ordinal);
        Assert.True(md.IndexOf("## Causal estimates", StringComparison.Ordinal) < md.IndexOf("## Instrumental variables", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_instrument_there_is_no_section()
    {
        Assert.DoesNotContain("Instrumental variables", MarkdownReport.Render(SampleResults.Coupon()), StringComparison.Ordinal);
        Assert.DoesNotContain("instrumental-variables", HtmlReport.Render(SampleResults.Coupon()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_headline_flags_an_iv_interval_that_misses_the_adjusted_one_and_stays_quiet_when_they_overlap()
    {
        var apart = Headline.Sentence(SampleResults.Coupon() with { InstrumentalVariables = Iv(0.010, 0.004) });
        var together = Headline.Sentence(SampleResults.Coupon() with { InstrumentalVariables = Iv(0.030, 0.004) });

        Assert.StartsWith("The November coupon raised the chance of a purchase within 7 days by 3.1 percentage points (95% CI 2.2 to 4.0).", apart, StringComparison.Ordinal);
        Assert.Contains("The instrument (the 'email_wave' campaign (arm 'email')) gives 1.0 percentage points", apart, StringComparison.Ordinal);
        Assert.Contains("the two intervals do not overlap, so an unmeasured confounder may bias the adjusted estimate", apart, StringComparison.Ordinal);
        Assert.Equal(Headline.Sentence(SampleResults.Coupon()), together);
    }

    [Fact]
    public void With_only_iv_methods_the_headline_is_the_iv_estimate()
    {
        var r = SampleResults.Coupon() with { Estimates = [], InstrumentalVariables = Iv(0.010, 0.004) };

        Assert.StartsWith("Using the 'email_wave' campaign (arm 'email') as an instrument, the November coupon changed a purchase within 7 days by 0.0100",
            Headline.Sentence(r), StringComparison.Ordinal);
    }

    [Fact]
    public void The_section_escapes_text_and_survives_a_json_round_trip()
    {
        var result = SampleResults.Coupon() with { InstrumentalVariables = Iv(0.010, 0.004, SampleResults.Payload) };

        var html = HtmlReport.Render(result);
        var back = JsonReport.Parse(JsonReport.Render(result));

        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Equal(SampleResults.Payload, back.InstrumentalVariables!.Design.Instrument);
        Assert.Equal(["2sls", "dr_late"], back.InstrumentalVariables.Estimates.Select(e => e.Method));
        Assert.Contains("\"instrumentalVariables\"", JsonReport.Render(result), StringComparison.Ordinal);
    }
}
