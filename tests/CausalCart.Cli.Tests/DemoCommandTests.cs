using System.Text.RegularExpressions;
using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary>`causalcart demo`: the whole spine on a simulated shop whose truth is known.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Naive_misses_the_truth_AIPW_covers_it_and_the_report_renders_with_its_charts()
    {
        using var dir = TestPaths.NewTempDir();
        var run = await Cli.RunAsync("demo", "--out", dir.Path, "--refutation-simulations", "10", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<AnalysisResult>();
        Assert.Equal(SchemaVersions.Analysis, result.SchemaVersion);
        var truth = Assert.IsType<TrueEffects>(result.Truth);

        var naive = result.Estimates.Single(e => e.Method == EffectMethod.Naive && e.Estimand == Estimand.Ate);
        Assert.True(Math.Abs(naive.Estimate - truth.Ate) > 3 * naive.StdError,
            $"naive {naive.Estimate:F4} ± {naive.StdError:F4} should miss the true ATE {truth.Ate:F4} by more than 3 SE");
        var aipw = result.Estimates.Single(e => e.Method == EffectMethod.Aipw && e.Estimand == Estimand.Ate);
        Assert.True(aipw.Covers(truth.Ate), $"AIPW [{aipw.CiLower:F4}, {aipw.CiUpper:F4}] should cover the true ATE {truth.Ate:F4}");
        Assert.Equal(["naive", "regression", "ipw", "aipw"], result.Estimates.Select(e => e.Method.ToString().ToLowerInvariant()).Distinct());
        Assert.Equal(3, result.Refutations.Count);
        Assert.NotNull(result.Overlap);
        Assert.NotNull(result.Balance);

        var html = Path.Combine(dir.Path, "report.html");
        Assert.True(File.Exists(Path.Combine(dir.Path, "report.md")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "result.json")));
        var screenshot = Path.Combine(dir.Path, "report.png");
        var dom = Chromium.DumpDomAndScreenshot(html, screenshot);
        foreach (var chart in new[] { "chart-estimates", "chart-overlap", "chart-balance" })
        {
            var start = dom.IndexOf($"id=\"{chart}\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"chart container {chart} missing from the rendered DOM");
            var tag = dom[dom.LastIndexOf('<', start)..dom.IndexOf('>', start)];
            Assert.Contains("data-rendered=\"true\"", tag, StringComparison.Ordinal);
            var svgAt = dom.IndexOf("<svg", start, StringComparison.Ordinal);
            Assert.True(svgAt > start, $"{chart} has no <svg>");
            var svgEnd = dom.IndexOf("</svg>", svgAt, StringComparison.Ordinal);
            Assert.True(Regex.Matches(dom[svgAt..svgEnd], "<path").Count >= 5, $"{chart} drew almost nothing");
        }

        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot is suspiciously small");
    }
}
