using System.Text.RegularExpressions;

namespace CausalCart.Reporting.Tests;

public sealed class MarkdownReportTests
{
    [Fact]
    public void The_report_opens_with_the_study_and_the_headline()
    {
        string md = MarkdownReport.Render(SampleResults.Coupon());
        Assert.StartsWith("# coupon-effect\n\n**The November coupon raised the chance of a purchase within 7 days by 3.1 percentage points (95% CI 2.2 to 4.0).**\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_section_has_its_table()
    {
        string md = MarkdownReport.Render(SampleResults.Coupon());
        string[] expected =
        [
            "## Read this first\n\nNo warnings were raised for this analysis.",
            "## Study design\n\n| | |\n|---|---|\n| Unit of analysis | user |",
            "| P(Y \\| T=1): chance of the outcome among treated | 8.4% (of 12,050 treated) |",
            "| Lift (treated ÷ untreated) | 2.63× (+163%) |",
            "| Raw difference, no adjustment (association) | — | 5.2 | — |",
            "| Doubly robust (AIPW) | ATE | 3.1 | 95% CI 2.2 to 4.0 |",
            "about 40% of the association came from who was treated (confounding)",
            "| Method | Estimand | Estimate (pp) | Interval | Std. error | Units (treated / control) | Covers the truth? | Details |",
            "| Naive difference (association only) | ATE (all units) | 5.2 | 95% CI 4.7 to 5.7 | 0.26 | 48,210 (12,050 / 36,160) | **No** |",
            "**Good.** Good overlap: treated and untreated users",
            "| Propensity | Treated | Untreated |\n|---|---:|---:|\n| 0.00–0.05 | 12 | 1,900 |",
            "| 0.95–1.00 | 3 | 0 |",
            "| Covariate | Mean, treated | Mean, untreated | \\|SMD\\| before | \\|SMD\\| after | After weighting |",
            "| days\\_since\\_last\\_visit | 8.0 | 7.0 | 0.350 | 0.050 | balanced |",
            "| Placebo treatment | AIPW | With a randomly permuted treatment the effect should vanish. | 3.1 | 0.0 ± 0.4 (500 simulations) | a difference this large would arise by chance in fewer than 1 in 1,000 placebo runs (p &lt; 0.001) | Passed |",
            "| Seed | 7 |",
            "| data/events.csv | 3b1f0c2d9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c |",
        ];
        foreach (string fragment in expected)
        {
            Assert.Contains(fragment, md, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_truth_there_is_no_truth_column()
    {
        string md = MarkdownReport.Render(SampleResults.Coupon(withTruth: false));
        Assert.DoesNotContain("Covers the truth?", md, StringComparison.Ordinal);
        Assert.Contains("| Method | Estimand | Estimate (pp) | Interval | Std. error | Units (treated / control) | Details |\n|---|---|---:|---:|---:|---:|---|\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_refutations_and_insufficient_overlap_are_warned_about_in_bold()
    {
        string failed = MarkdownReport.Render(SampleResults.FailedRefutation());
        Assert.Contains("## Read this first\n\n- **The placebo treatment test failed for AIPW: A made-up treatment", failed, StringComparison.Ordinal);
        Assert.Contains("| **Failed** |", failed, StringComparison.Ordinal);
        Assert.Contains("| no p-value for this test | Inconclusive |", failed, StringComparison.Ordinal);
        string insufficient = MarkdownReport.Render(SampleResults.InsufficientOverlap());
        Assert.Contains("- **Insufficient overlap: treated and untreated users are too different to compare", insufficient, StringComparison.Ordinal);
        Assert.Contains("**Insufficient.** Insufficient overlap", insufficient, StringComparison.Ordinal);
        Assert.Contains("No refutation tests were run", insufficient, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_are_escaped_and_tables_keep_their_columns()
    {
        string md = MarkdownReport.Render(SampleResults.Hostile());
        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", md, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;", md, StringComparison.Ordinal);
        Assert.Contains("views\\|7d", md, StringComparison.Ordinal);
        // Every row of every table has as many unescaped pipes as its header.
        string[] lines = md.Split('\n');
        int columns = -1;
        foreach (string line in lines)
        {
            if (!line.StartsWith('|'))
            {
                columns = -1;
                continue;
            }

            int pipes = Regex.Count(line, @"(?<!\\)\|");
            if (columns < 0)
            {
                columns = pipes;
            }

            Assert.True(pipes == columns, $"row has {pipes} cells separators, header {columns}: {line}");
        }
    }

    [Fact]
    public void A_non_binary_outcome_has_no_percentage_points_in_its_tables()
    {
        string md = MarkdownReport.Render(SampleResults.Revenue());
        Assert.Contains("| Mean outcome among treated | 14.2 (12,050 treated) |", md, StringComparison.Ordinal);
        Assert.Contains("| Method | Estimand | Estimate | Interval |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_is_deterministic_and_WriteFile_writes_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "causalcart-report-" + Guid.NewGuid().ToString("N") + ".md");
        try
        {
            MarkdownReport.WriteFile(SampleResults.Coupon(), path);
            Assert.Equal(MarkdownReport.Render(SampleResults.Coupon()), File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_who_responds_section_shows_segments_groups_and_the_projection_in_words()
    {
        string md = MarkdownReport.Render(SampleResults.WithWhoResponds());
        string[] expected =
        [
            "## Who responds\n\n- The effect differs between customers: the 20% predicted to respond most gain 6.8 percentage points, the 20% predicted to respond least 0.40 percentage points; the difference, 6.4 percentage points (95% CI 3.9 to 8.9), is clear of zero.",
            "- Among your segments of 'tier', 'gold' responds most, 7.1 percentage points (95% CI 4.9 to 9.3), and 'bronze' least, 1.2 percentage points (95% CI 0.2 to 2.2); their intervals do not overlap.",
            "- Holding the other covariates fixed, the effect is larger for tier 'gold' than for the reference level (by 5.5 percentage points); larger where 'views\\_7d' is higher (by 0.40 percentage points per unit).\n",
            "### By your segments of 'tier'\n\n| Segment | Units | Effect (pp) | Interval |\n|---|---:|---:|---:|\n| bronze | 24,000 | 1.2 | 95% CI 0.2 to 2.2 |",
            "| lowest 20% of predicted effect | 9,642 | 0.40 | 95% CI −1.2 to 2.0 |",
            "| highest 20% of predicted effect | 9,642 | 6.8 | 95% CI 4.8 to 8.8 |",
            "| tier=gold | 5.5 | 95% CI 3.1 to 7.9 | < 0.001 |",
            "| days\\_since\\_last\\_visit | −0.020 | 95% CI −0.10 to 0.06 | 0.620 |",
        ];
        foreach (string e in expected)
        {
            Assert.Contains(e, md, StringComparison.Ordinal);
        }

        Assert.True(md.IndexOf("## Who responds", StringComparison.Ordinal) > md.IndexOf("## Causal estimates", StringComparison.Ordinal));
        Assert.True(md.IndexOf("## Who responds", StringComparison.Ordinal) < md.IndexOf("## Overlap", StringComparison.Ordinal));
        Assert.DoesNotContain("## Who responds", MarkdownReport.Render(SampleResults.Coupon()), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_clear_heterogeneity_the_report_says_so()
    {
        var r = SampleResults.WithWhoResponds();
        r = r with { Heterogeneity = r.Heterogeneity! with { HeterogeneityDetected = false, TopMinusBottom = new Core.Results.ProjectionTerm("top minus bottom", 0.01, 0.012, -0.0135, 0.0335, 0.4) } };
        string md = MarkdownReport.Render(r);
        Assert.Contains("There is no clear evidence that some customers respond more than others: the 20% predicted to respond most and least differ by 1.0 percentage points (95% CI −1.4 to 3.4), an interval that includes zero.", md, StringComparison.Ordinal);
    }
}
