using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary>
/// <c>causalcart estimate</c> selects the CATE estimators and subclassification by name, and <c>--segment</c> adds the
/// "who responds" section whose segment effects recover the known per-segment effects.
/// </summary>
public sealed class EstimateMethodsAndWhoRespondsTests
{
    [Fact]
    public async Task Console_warnings_name_the_methods_they_come_from()
    {
        // A strong confounder pushes some propensities past the clip: IPW (one fit) and AIPW (cross-fitted) clip slightly
        // different counts, and each warning must say whose it is instead of reading as one sentence said twice.
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("units.csv");
        var rng = new Random(5);
        var lines = new List<string> { "score,coupon,spend" };
        for (var i = 0; i < 3000; i++)
        {
            var score = Normal(rng);
            var t = rng.NextDouble() < 1 / (1 + Math.Exp(-3.5 * score)) ? 1 : 0;
            lines.Add(FormattableString.Invariant($"{score:F4},{t},{score + t + Normal(rng):F4}"));
        }

        File.WriteAllLines(data, lines);
        var run = await Cli.RunAsync("estimate", "--data", data, "--treatment", "coupon", "--outcome", "spend",
            "--methods", "ipw,aipw", "--refuters", "none", "--allow-poor-overlap");
        Assert.True(run.ExitCode == 0, run.ToString());
        var clipping = run.Stderr.Split('\n').Where(l => l.Contains("were clipped to it", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(clipping);
        Assert.All(clipping, l => Assert.Matches(@"^warning: (ipw|aipw|ipw, aipw): \d+ of 3000 units", l));
        Assert.Contains(clipping, l => l.StartsWith("warning: ipw", StringComparison.Ordinal));
        Assert.Contains(clipping, l => l.Contains("aipw: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Named_methods_run_and_segment_effects_cover_their_truths()
    {
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("units.csv");
        var rng = new Random(11);
        var lines = new List<string> { "visits,tier,coupon,spend" };
        string[] tiers = ["bronze", "silver", "gold"];
        double[] tierEffect = [0.0, 1.0, 2.0];
        double trueAte = 0;
        const int n = 3000;
        for (var i = 0; i < n; i++)
        {
            // Visits confound (more visits: more coupons and more spend); the effect depends on the tier only.
            var visits = rng.Next(0, 8);
            var tier = rng.NextDouble() switch { < 0.5 => 0, < 0.8 => 1, _ => 2 };
            var t = rng.NextDouble() < 1 / (1 + Math.Exp(-(-1 + (0.3 * visits)))) ? 1 : 0;
            var spend = (0.5 * visits) + (t * tierEffect[tier]) + Normal(rng);
            trueAte += tierEffect[tier] / n;
            lines.Add(FormattableString.Invariant($"{visits},{tiers[tier]},{t},{spend:F4}"));
        }

        File.WriteAllLines(data, lines);
        var run = await Cli.RunAsync("estimate", "--data", data, "--treatment", "coupon", "--outcome", "spend",
            "--methods", "linear_dml,dr_learner,subclassification,t_learner", "--estimand", "ate", "--refuters", "none", "--segment", "tier", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<AnalysisResult>();
        Assert.Equal(SchemaVersions.Analysis, result.SchemaVersion);
        Assert.Equal(
            [EffectMethod.LinearDml, EffectMethod.DrLearner, EffectMethod.Subclassification, EffectMethod.TLearner],
            result.Estimates.Select(e => e.Method).ToArray());
        foreach (var e in result.Estimates)
        {
            Assert.True(Math.Abs(e.Estimate - trueAte) < 4 * e.StdError, $"{e.Method} {e.Estimate:F3} ± {e.StdError:F3} vs true ATE {trueAte:F3}");
        }

        var who = Assert.IsType<EffectHeterogeneity>(result.Heterogeneity);
        Assert.Equal("tier", who.SegmentColumn);
        Assert.Equal(["bronze", "silver", "gold"], who.Segments.Select(s => s.Label).ToArray()); // largest first
        for (var k = 0; k < 3; k++)
        {
            var s = who.Segments.Single(g => g.Label == tiers[k]);
            Assert.True(s.CiLower <= tierEffect[k] && tierEffect[k] <= s.CiUpper, $"{s.Label}: [{s.CiLower:F3}, {s.CiUpper:F3}] should cover {tierEffect[k]}");
        }

        Assert.Equal(5, who.LearnedGroups.Count);
        Assert.True(who.HeterogeneityDetected, "effects of 0, 1 and 2 by tier must be detected as heterogeneity");
        Assert.True(who.LearnedGroups[^1].Estimate > who.LearnedGroups[0].Estimate + 1);
        var summary = await Summary(data);
        Assert.Contains("Who responds:", summary, StringComparison.Ordinal);
        Assert.Contains("tier = gold:", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_methods_and_segment_columns_are_usage_errors_that_name_the_choices()
    {
        using var dir = TestPaths.NewTempDir();
        var data = dir.File("units.csv");
        File.WriteAllLines(data, ["x,t,y", "1,0,1", "2,1,3", "3,0,2", "4,1,5"]);
        var method = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--methods", "bart");
        Assert.Equal(2, method.ExitCode);
        Assert.Contains("Unknown method 'bart'", method.Stderr, StringComparison.Ordinal);
        Assert.Contains("dr_learner", method.Stderr, StringComparison.Ordinal);
        Assert.Contains("subclassification", method.Stderr, StringComparison.Ordinal);

        var segment = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--methods", "regression", "--segment", "tier", "--refuters", "none");
        Assert.Equal(2, segment.ExitCode);
        Assert.Contains("Segment column 'tier' is not in the data", segment.Stderr, StringComparison.Ordinal);

        var twice = await Cli.RunAsync("estimate", "--data", data, "--treatment", "t", "--outcome", "y", "--controls", "x,x", "--refuters", "none");
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("--controls names 'x' more than once", twice.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> Summary(string data)
    {
        var text = await Cli.RunAsync("estimate", "--data", data, "--treatment", "coupon", "--outcome", "spend",
            "--methods", "aipw", "--estimand", "ate", "--refuters", "none", "--segment", "tier");
        Assert.True(text.ExitCode == 0, text.ToString());
        return text.Stdout;
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
