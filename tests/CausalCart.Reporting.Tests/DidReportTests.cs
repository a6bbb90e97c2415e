using CausalCart.Core.Results;

namespace CausalCart.Reporting.Tests;

public sealed class DidReportTests
{
    private static DidAnalysisResult Sample(string outcome = "sales", bool preTrends = false) => new(
        SchemaVersions.Did,
        "rollout",
        new DidDesign("store", "week", outcome, "first-treated period column 'launch'", [], "never_treated", "doubly_robust", "varying", 0, 400, 8, [4, 6], 171, 0, 0.95, 1000),
        new DidPoint(0, 1.82, 0.095, 1.63, 2.01, 1.63, 2.01),
        new DidPoint(0, 1.26, 0.10, 1.06, 1.46, 1.06, 1.46),
        new DidPoint(0, 1.77, 0.09, 1.59, 1.95, 1.59, 1.95),
        [
            new DidPoint(-2, 0.135, 0.11, -0.086, 0.356, -0.167, 0.438),
            new DidPoint(-1, -0.142, 0.125, -0.387, 0.103, -0.471, 0.187),
            new DidPoint(0, 1.06, 0.12, 0.824, 1.30, 0.726, 1.40),
            new DidPoint(1, 1.45, 0.11, 1.24, 1.66, 1.16, 1.74),
        ],
        [new DidPoint(4, 1.92, 0.12, 1.68, 2.17, 1.68, 2.17), new DidPoint(6, 1.64, 0.14, 1.36, 1.92, 1.36, 1.92)],
        [new DidGroupTime(4, 4, 0, 1.1, 0.15, 0.81, 1.39, 120, 171)],
        new DidPoint(0, 1.51, 0.07, 1.37, 1.65, 1.37, 1.65),
        preTrends,
        preTrends ? ["Before treatment the treated cohorts already moved apart."] : [],
        new RunManifest("causalcart test", new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero), 1, [new InputFile("panel.csv", new string('a', 64))]));

    [Fact]
    public void Markdown_has_the_headline_design_summary_event_study_and_cohorts()
    {
        string md = DidReport.Render(Sample(), ReportFormat.Markdown);
        Assert.StartsWith("# rollout\n\n**After treatment, 'sales' changed by 1.82 on average among treated units compared with what parallel trends predict (95% CI 1.63 to 2.01).**", md, StringComparison.Ordinal);
        Assert.Contains("| Units × periods | 400 units × 8 periods ('store' by 'week') |", md, StringComparison.Ordinal);
        Assert.Contains("| Two-way fixed effects (for comparison; biased under staggered timing) | 1.51 | 95% CI 1.37 to 1.65 |", md, StringComparison.Ordinal);
        Assert.Contains("| 0 | 1.06 | 0.824 to 1.30 | 0.726 to 1.40 |", md, StringComparison.Ordinal);
        Assert.Contains("| Callaway & Sant'Anna, average over periods since treatment (0 and later) | 1.26 | 95% CI 1.06 to 1.46 |", md, StringComparison.Ordinal);
        Assert.Contains("| Callaway & Sant'Anna, average over cohorts (weighted by cohort size) | 1.77 | 95% CI 1.59 to 1.95 |", md, StringComparison.Ordinal);
        Assert.Contains("| 4 | 4 | 0 | 1.10 | 0.810 to 1.39 | 120 / 171 |", md, StringComparison.Ordinal);
        Assert.Contains("as parallel trends predict", md, StringComparison.Ordinal);
        Assert.Contains("parallel trends are doubtful", DidReport.Render(Sample(preTrends: true), ReportFormat.Markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_self_contained_with_an_inline_svg_plot_and_escapes_every_string()
    {
        string html = DidReport.Render(Sample(outcome: SampleResults.Payload), ReportFormat.Html);
        Assert.Contains("<section id=\"event-study\">", html, StringComparison.Ordinal);
        Assert.Contains("<figure class=\"chart\"><svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("Callaway &amp; Sant&#39;Anna, average over cohorts (weighted by cohort size)", html, StringComparison.Ordinal);
        Assert.Equal(html, DidReport.Render(Sample(outcome: SampleResults.Payload), ReportFormat.Html));
    }

    [Fact]
    public void Json_round_trips()
    {
        var sample = Sample();
        var back = Core.Serialization.CausalCartJson.Deserialize<DidAnalysisResult>(DidReport.Render(sample, ReportFormat.Json));
        Assert.Equal(sample.Overall, back.Overall);
        Assert.Equal(sample.EventTimeAverage, back.EventTimeAverage);
        Assert.Equal(sample.CohortAverage, back.CohortAverage);
        Assert.Equal(sample.EventStudy, back.EventStudy);
        Assert.Equal(sample.Design.Cohorts, back.Design.Cohorts);
    }
}
