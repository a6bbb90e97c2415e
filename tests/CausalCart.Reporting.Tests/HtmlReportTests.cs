using System.Text.RegularExpressions;
using CausalCart.Core.Results;

namespace CausalCart.Reporting.Tests;

public sealed class HtmlReportTests
{
    private static readonly string[] SectionIds = ["warnings", "design", "association", "estimates", "overlap", "balance", "refutations"];

    [Fact]
    public void Every_section_is_present_in_page_order()
    {
        string html = HtmlReport.Render(SampleResults.Coupon());
        int previous = html.IndexOf("id=\"headline\"", StringComparison.Ordinal);
        Assert.True(previous > 0, "headline missing");
        foreach (string id in SectionIds)
        {
            int at = html.IndexOf("<section id=\"" + id + "\"", StringComparison.Ordinal);
            Assert.True(at > previous, $"section {id} missing or out of order");
            previous = at;
        }

        Assert.True(html.IndexOf("<footer id=\"manifest\"", StringComparison.Ordinal) > previous, "manifest must come last");
        foreach (string chart in new[] { "chart-estimates", "chart-overlap", "chart-balance" })
        {
            Assert.Contains("<div id=\"" + chart + "\" class=\"chart\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_headline_sentence_opens_the_page()
    {
        string html = HtmlReport.Render(SampleResults.Coupon());
        Assert.Contains("<p class=\"headline\" id=\"headline\">The November coupon raised the chance of a purchase within 7 days by 3.1 percentage points (95% CI 2.2 to 4.0).</p>", html, StringComparison.Ordinal);
        Assert.Contains("<title>coupon-effect · CausalCart report</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_design_table_lists_the_study()
    {
        string design = ReportText.Section(HtmlReport.Render(SampleResults.Coupon()), "section", "design");
        Assert.Contains("active within the 30 days before time zero", design, StringComparison.Ordinal);
        Assert.Contains("<code>category_affinity_electronics</code>", design, StringComparison.Ordinal);
        Assert.Contains("Covariates (8, all measured before time zero)", design, StringComparison.Ordinal);
        Assert.Contains("gradient-boosted trees, 5-fold cross-fitting grouped by user", design, StringComparison.Ordinal);
        Assert.Contains("48,210 (12,050 treated, 36,160 control)", design, StringComparison.Ordinal);
    }

    [Fact]
    public void Association_is_shown_beside_the_adjusted_estimates_with_the_confounding_sentence()
    {
        string section = ReportText.Section(HtmlReport.Render(SampleResults.Coupon()), "section", "association");
        Assert.Contains("P(Y | T=1)", section, StringComparison.Ordinal);
        Assert.Contains(">8.4%<", section, StringComparison.Ordinal);
        Assert.Contains(">3.2%<", section, StringComparison.Ordinal);
        Assert.Contains("2.63× (+163%)", section, StringComparison.Ordinal);
        Assert.Contains("Raw difference, no adjustment (association)</td><td>—</td><td class=\"num\">5.2</td>", section, StringComparison.Ordinal);
        Assert.Contains("<td>Doubly robust (AIPW)</td><td>ATE</td><td class=\"num\">3.1</td><td class=\"num\">95% CI 2.2 to 4.0</td>", section, StringComparison.Ordinal);
        Assert.Contains("about 40% of the association came from who was treated (confounding)", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimates_table_shows_every_estimate_and_whether_it_covers_the_truth()
    {
        string section = ReportText.Section(HtmlReport.Render(SampleResults.Coupon()), "section", "estimates");
        Assert.Equal(5, Regex.Count(section, "<tr( class=\"naive\")?><td>"));
        Assert.Contains("<th>Covers the truth?</th>", section, StringComparison.Ordinal);
        // The naive difference (5.2 pp, interval 4.7 to 5.7) misses the true ATE of 3.0 pp; AIPW covers it.
        Assert.Matches("Naive difference \\(association only\\).*?<td class=\"bad\">No</td>", section);
        Assert.Matches("Doubly robust \\(AIPW\\)</td><td title=\"ATE \\(all units\\)\">ATE</td><td class=\"num\">3.1</td><td class=\"num\">2.2 to 4.0</td>.*?<td class=\"ok\">Yes</td>", section);
        Assert.Contains("<th class=\"num\">95% interval</th>", section, StringComparison.Ordinal);
        Assert.Contains("48,210<div class=\"muted small\">12,050 treated / 36,160 control</div>", section, StringComparison.Ordinal);
        Assert.Contains("clippedShare = 0.0042, folds = 5", section, StringComparison.Ordinal);
        Assert.Contains("the green line and diamonds mark the true effect", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_truth_there_is_no_truth_column_or_note()
    {
        string html = HtmlReport.Render(SampleResults.Coupon(withTruth: false));
        Assert.DoesNotContain("Covers the truth?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Known truth", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"truth\"", ReportText.EmbeddedJson(html), StringComparison.Ordinal);
        Assert.Contains("Known truth (ShopSim potential outcomes, seed 7): the true ATE is 3.0 percentage points and the true ATT is 3.3 percentage points.",
            HtmlReport.Render(SampleResults.Coupon()), StringComparison.Ordinal);
    }

    [Fact]
    public void Overlap_and_balance_show_their_verdicts()
    {
        string html = HtmlReport.Render(SampleResults.Coupon());
        string overlap = ReportText.Section(html, "section", "overlap");
        Assert.Contains("<span class=\"verdict verdict-good\" id=\"overlap-verdict\">Good</span> Good overlap:", overlap, StringComparison.Ordinal);
        Assert.Contains("0.2% have an extreme propensity", overlap, StringComparison.Ordinal);
        Assert.Contains("8,930", overlap, StringComparison.Ordinal);
        string balance = ReportText.Section(html, "section", "balance");
        Assert.Contains("<span class=\"verdict verdict-good\">Balanced</span>", balance, StringComparison.Ordinal);
        Assert.Equal(8, Regex.Count(balance, "<td class=\"ok\">balanced</td>"));
        Assert.Contains("dots left of the 0.1 line are balanced", balance, StringComparison.Ordinal);
    }

    [Fact]
    public void All_passed_refutations_and_no_warnings_read_as_such()
    {
        string html = HtmlReport.Render(SampleResults.Coupon());
        Assert.Contains("<section id=\"warnings\" class=\"warnings none\"><p>No warnings were raised for this analysis.</p></section>", html, StringComparison.Ordinal);
        string refutations = ReportText.Section(html, "section", "refutations");
        Assert.Equal(3, Regex.Count(refutations, "<span class=\"verdict verdict-passed\">Passed</span>"));
        Assert.Contains("A difference this large would arise by chance in fewer than 1 in 1,000 placebo runs <span class=\"muted\">(p &lt; 0.001)</span>", refutations, StringComparison.Ordinal);
        Assert.Contains("3.1 → 0.0 ± 0.4 pp<div class=\"muted small\">500 simulations</div>", refutations, StringComparison.Ordinal);
        Assert.Contains("in about 62 in 100 runs with a random extra covariate", refutations, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_refutation_is_a_severe_warning_at_the_top_and_a_failed_row()
    {
        string html = HtmlReport.Render(SampleResults.FailedRefutation());
        string warnings = ReportText.Section(html, "section", "warnings");
        Assert.StartsWith("<section id=\"warnings\" class=\"warnings severe\" role=\"alert\">", warnings, StringComparison.Ordinal);
        Assert.Contains("<li class=\"severe\">The placebo treatment test failed for AIPW: A made-up treatment still shows most of the effect", warnings, StringComparison.Ordinal);
        Assert.Contains("<li>The placebo refutation failed: exit code 5.</li>", warnings, StringComparison.Ordinal);
        Assert.True(html.IndexOf("id=\"warnings\"", StringComparison.Ordinal) < html.IndexOf("id=\"design\"", StringComparison.Ordinal));
        string refutations = ReportText.Section(html, "section", "refutations");
        Assert.Contains("<tr class=\"refutation-failed\">", refutations, StringComparison.Ordinal);
        Assert.Contains("<span class=\"verdict verdict-inconclusive\">Inconclusive</span>", refutations, StringComparison.Ordinal);
        Assert.Contains("no p-value for this test", refutations, StringComparison.Ordinal);
        Assert.Contains("A refutation test of this estimate failed", ReportText.Section(html, "p", "headline"), StringComparison.Ordinal);
    }

    [Fact]
    public void Insufficient_overlap_is_said_at_the_top_and_in_the_overlap_section()
    {
        string html = HtmlReport.Render(SampleResults.InsufficientOverlap());
        Assert.Contains("No trustworthy causal estimate", ReportText.Section(html, "p", "headline"), StringComparison.Ordinal);
        Assert.Contains("<li class=\"severe\">Insufficient overlap: treated and untreated users are too different to compare", ReportText.Section(html, "section", "warnings"), StringComparison.Ordinal);
        Assert.Contains("<span class=\"verdict verdict-insufficient\" id=\"overlap-verdict\">Insufficient</span>", ReportText.Section(html, "section", "overlap"), StringComparison.Ordinal);
        Assert.Contains("no share of confounding is given", ReportText.Section(html, "section", "association"), StringComparison.Ordinal);
        Assert.Contains("No refutation tests were run", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"subline\">From the", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_string_from_the_result_is_escaped()
    {
        string html = HtmlReport.Render(SampleResults.Hostile());
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", ReportText.WithoutScriptBodies(html), StringComparison.OrdinalIgnoreCase);
        // Exactly the three script elements of the page are closed: the JSON, ECharts and the chart code.
        Assert.Equal(3, Regex.Count(html, "</script", RegexOptions.IgnoreCase));
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<title>coupon &lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<code>views|7d &lt;/script&gt;", ReportText.Section(html, "section", "balance"), StringComparison.Ordinal);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; = ∞", html, StringComparison.Ordinal);
        string json = ReportText.EmbeddedJson(html);
        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.Contains("\\u003c/script\\u003e", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_json_round_trips_to_an_equal_record()
    {
        foreach (AnalysisResult original in new[] { SampleResults.Coupon(), SampleResults.FailedRefutation(), SampleResults.InsufficientOverlap(), SampleResults.Hostile() })
        {
            AnalysisResult parsed = JsonReport.Parse(ReportText.EmbeddedJson(HtmlReport.Render(original)));
            Deep.AssertEqual(original, parsed);
        }
    }

    [Fact]
    public void The_page_requests_nothing_from_outside()
    {
        string html = HtmlReport.Render(SampleResults.Coupon());
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">", html, StringComparison.Ordinal);
        string markup = ReportText.WithoutScriptBodies(html);
        Assert.DoesNotMatch("<(script|img|link|iframe|embed|object|source|audio|video)\\b[^>]*\\s(src|href|data)\\s*=", markup);
        Assert.DoesNotContain("@import", markup, StringComparison.Ordinal);
        Assert.DoesNotMatch("url\\(", markup);
        // The only absolute URLs anywhere, scripts included, are XML namespaces and licence references.
        string[] allowed =
        [
            "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/2000/xmlns/",
            "http://www.w3.org/XML/1998/namespace", "http://www.apache.org/licenses/LICENSE-2.0",
            "https://github.com/ecomfe/zrender/blob/master/LICENSE.txt",
        ];
        string[] urls = Regex.Matches(html, "(https?:)?//[A-Za-z0-9.-]+\\.[A-Za-z]{2,}[^\\s\"'<>)]*").Select(m => m.Value).Distinct().ToArray();
        Assert.All(urls, url => Assert.Contains(url, allowed));
        // ECharts is inlined (its licence header and its init function are in the page).
        Assert.Contains("Licensed to the Apache Software Foundation", html, StringComparison.Ordinal);
        Assert.Contains("renderer: 'svg'", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_is_deterministic() =>
        Assert.Equal(HtmlReport.Render(SampleResults.Coupon()), HtmlReport.Render(SampleResults.Coupon()));

    [Fact]
    public void A_non_binary_outcome_is_shown_in_outcome_units()
    {
        string html = HtmlReport.Render(SampleResults.Revenue());
        string association = ReportText.Section(html, "section", "association");
        Assert.Contains("Mean outcome among treated", association, StringComparison.Ordinal);
        Assert.DoesNotContain("P(Y | T=1)", association, StringComparison.Ordinal);
        Assert.DoesNotContain("percentage points", association, StringComparison.Ordinal);
        Assert.Contains("<th class=\"num\">Estimate</th>", ReportText.Section(html, "section", "estimates"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_propensity_model_overlap_and_balance_say_so_and_draw_no_chart()
    {
        string html = HtmlReport.Render(SampleResults.Coupon() with { Overlap = null, Balance = null });
        Assert.DoesNotContain("id=\"chart-overlap\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"chart-balance\"", html, StringComparison.Ordinal);
        Assert.Contains("No propensity model was fitted, so overlap was not checked.", html, StringComparison.Ordinal);
        Assert.Contains("No propensity model was fitted, so balance was not checked.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_lists_tool_time_seed_and_input_hashes()
    {
        string manifest = ReportText.Section(HtmlReport.Render(SampleResults.Coupon()), "footer", "manifest");
        Assert.Contains("causalcart 0.1.0", manifest, StringComparison.Ordinal);
        Assert.Contains("2024-11-20 09:30:00 UTC", manifest, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Seed</th><td>7</td>", manifest, StringComparison.Ordinal);
        Assert.Contains("<code>data/events.csv</code></td><td><code class=\"hash\">3b1f0c2d9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c</code>", manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFile_writes_the_rendered_text()
    {
        string dir = Path.Combine(Path.GetTempPath(), "causalcart-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "nested", "report.html");
            HtmlReport.WriteFile(SampleResults.Coupon(), path);
            Assert.Equal(HtmlReport.Render(SampleResults.Coupon()), File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(Path.Combine(dir, "nested")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("plain × text", "plain × text")]
    [InlineData("a < b & c > \"d\" 'e'", "a &lt; b &amp; c &gt; &quot;d&quot; &#39;e&#39;")]
    [InlineData("", "")]
    public void Escaping_turns_markup_characters_into_entities_and_keeps_other_text(string text, string expected) =>
        Assert.Equal(expected, HtmlReport.E(text));

    [Fact]
    public void The_who_responds_section_has_its_chart_and_tables_between_estimates_and_overlap()
    {
        string html = HtmlReport.Render(SampleResults.WithWhoResponds());
        int who = html.IndexOf("<section id=\"who-responds\">", StringComparison.Ordinal);
        Assert.True(who > html.IndexOf("<section id=\"estimates\">", StringComparison.Ordinal));
        Assert.True(who < html.IndexOf("<section id=\"overlap\">", StringComparison.Ordinal));
        Assert.Contains("<div id=\"chart-who-responds\" class=\"chart\" style=\"height:388px\"", html, StringComparison.Ordinal);
        Assert.Contains("<h3>By your segments of 'tier'</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>gold</td><td class=\"num\">8,210</td><td class=\"num\">7.1</td><td class=\"num\">95% CI 4.9 to 9.3</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>highest 20% of predicted effect</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">&lt; 0.001</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<section id=\"who-responds\">", HtmlReport.Render(SampleResults.Coupon()), StringComparison.Ordinal);
    }
}
