using System.Text.RegularExpressions;
using CausalCart.Core.Results;

namespace CausalCart.Reporting.Tests;

/// <summary>
/// Opens the HTML report in real headless Chromium and checks that ECharts drew every chart as SVG.
/// Set CAUSALCART_KEEP_REPORT_DIR to a folder to keep the rendered HTML and screenshots for inspection.
/// </summary>
public sealed partial class BrowserRenderingTests
{
    [Fact]
    public void The_three_charts_render_as_svg_in_headless_chromium()
    {
        string dom = RenderInBrowser(SampleResults.Coupon(), "coupon");
        // 5 estimates: points, whiskers and truth diamonds; 20 bins × 2 arms; 8 covariates × 2 + threshold.
        AssertChart(dom, "chart-estimates", minPaths: 15);
        AssertChart(dom, "chart-overlap", minPaths: 30);
        AssertChart(dom, "chart-balance", minPaths: 16);
        Assert.Contains("True ATE 3.0", Chart(dom, "chart-estimates"), StringComparison.Ordinal);
        Assert.Contains("Threshold 0.1", Chart(dom, "chart-balance"), StringComparison.Ordinal);
        Assert.Contains("days_since_last_visit", Chart(dom, "chart-balance"), StringComparison.Ordinal);
        Assert.Contains("The November coupon raised the chance of a purchase within 7 days by 3.1 percentage points", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void The_who_responds_chart_renders_groups_and_segments_and_escapes_labels()
    {
        string dom = RenderInBrowser(SampleResults.WithWhoResponds(SampleResults.Payload, SampleResults.Payload), "who");
        AssertChart(dom, "chart-estimates", minPaths: 15);
        AssertChart(dom, "chart-who-responds", minPaths: 24);
        string chart = Chart(dom, "chart-who-responds");
        Assert.Contains("Predicted 80", chart, StringComparison.Ordinal);
        Assert.Contains("bronze", chart, StringComparison.Ordinal);
        // Had a label been parsed as markup, the DOM would hold an <img> element or a fourth script.
        Assert.DoesNotContain("<img", ReportText.WithoutScriptBodies(dom), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, Regex.Count(dom, "<script", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Hostile_strings_are_drawn_as_text_and_never_run()
    {
        string dom = RenderInBrowser(SampleResults.Hostile(), "hostile");
        AssertChart(dom, "chart-estimates", minPaths: 2);
        AssertChart(dom, "chart-overlap", minPaths: 30);
        AssertChart(dom, "chart-balance", minPaths: 4);
        // Had any payload been parsed as markup, the DOM would hold an <img> element or a fourth script.
        Assert.DoesNotContain("<img", ReportText.WithoutScriptBodies(dom), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, Regex.Count(dom, "<script", RegexOptions.IgnoreCase));
        Assert.Contains("views|7d &lt;/script&gt;", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Insufficient_overlap_still_draws_its_charts()
    {
        string dom = RenderInBrowser(SampleResults.InsufficientOverlap(), "insufficient");
        AssertChart(dom, "chart-estimates", minPaths: 2);
        AssertChart(dom, "chart-overlap", minPaths: 12);
        AssertChart(dom, "chart-balance", minPaths: 16);
    }

    [Fact]
    public void A_screenshot_of_the_report_is_a_real_image()
    {
        string dir = NewTempDir();
        try
        {
            string html = Path.Combine(dir, "report.html");
            string png = Path.Combine(dir, "report.png");
            HtmlReport.WriteFile(SampleResults.FailedRefutation(), html);
            HeadlessChromium.Screenshot(html, png, 1280, 2400);
            Assert.True(File.Exists(png), "Chromium wrote no screenshot");
            byte[] bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            // A blank 1280×2400 page compresses to a few KB; text, tables and charts take far more.
            Assert.True(bytes.Length > 60_000, $"the screenshot is only {bytes.Length} bytes, so the page is (nearly) blank");
            Keep(dir, "failed-refutation");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_chromium_fails_the_test_naming_the_install_script()
    {
        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => HeadlessChromium.RequirePath("/nonexistent/chromium"));
        Assert.Contains("scripts/install-test-tools.sh", failure.Message, StringComparison.Ordinal);
        Assert.Equal("/usr/bin/chromium", HeadlessChromium.RequirePath());
    }

    private static string RenderInBrowser(AnalysisResult result, string name)
    {
        string dir = NewTempDir();
        try
        {
            string html = Path.Combine(dir, "report.html");
            HtmlReport.WriteFile(result, html);
            string dom = HeadlessChromium.DumpDom(html);
            Assert.Contains("</html>", dom, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "dom.html"), dom);
            Keep(dir, name);
            return dom;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertChart(string dom, string id, int minPaths)
    {
        Match open = Regex.Match(dom, "<div id=\"" + id + "\"[^>]*>");
        Assert.True(open.Success, $"#{id} is missing from the rendered DOM");
        Assert.DoesNotContain("data-render-error", open.Value, StringComparison.Ordinal);
        Assert.Contains("data-rendered=\"true\"", open.Value, StringComparison.Ordinal);
        string chart = Chart(dom, id);
        Assert.Contains("<svg", chart, StringComparison.Ordinal);
        int drawn = DrawnPath().Count(chart);
        Assert.True(drawn >= minPaths, $"#{id} holds {drawn} drawn paths, expected at least {minPaths}");
    }

    /// <summary>The chart container's content up to the next section (charts are the last element with an svg in their container).</summary>
    private static string Chart(string dom, string id)
    {
        int start = dom.IndexOf("<div id=\"" + id + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"#{id} is missing");
        int end = dom.IndexOf("</section>", start, StringComparison.Ordinal);
        return dom[start..(end < 0 ? dom.Length : end)];
    }

    private static string NewTempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "causalcart-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static void Keep(string dir, string name)
    {
        string? keep = Environment.GetEnvironmentVariable("CAUSALCART_KEEP_REPORT_DIR");
        if (string.IsNullOrEmpty(keep))
        {
            return;
        }

        Directory.CreateDirectory(keep);
        foreach (string file in Directory.GetFiles(dir))
        {
            File.Copy(file, Path.Combine(keep, name + "-" + Path.GetFileName(file)), overwrite: true);
        }
    }

    // A path or rect with actual geometry (not an empty "d").
    [GeneratedRegex("<(path d=\"M|rect )")]
    private static partial Regex DrawnPath();
}
