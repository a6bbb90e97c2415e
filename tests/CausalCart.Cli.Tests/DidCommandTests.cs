using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary><c>causalcart did</c> on a simulated staggered rollout whose dynamic effects are known.</summary>
public sealed class DidCommandTests
{
    // Effect e periods after first treatment: 1 + 0.5e; cohorts first treated in periods 4 and 6, the rest never.
    private static double TrueEffect(int e) => 1 + (0.5 * e);

    private static string WritePanel(TempDir dir, bool indicator)
    {
        var rng = new Random(17);
        var lines = new List<string> { indicator ? "store,week,sales,live" : "store,week,sales,launch" };
        for (var u = 0; u < 400; u++)
        {
            var g = rng.NextDouble() switch { < 0.4 => 0, < 0.7 => 4, _ => 6 };
            var a = Normal(rng);
            for (var t = 1; t <= 8; t++)
            {
                var treated = g > 0 && t >= g;
                var y = a + (0.3 * t) + (treated ? TrueEffect(t - g) : 0) + Normal(rng);
                lines.Add(FormattableString.Invariant($"s{u},{t},{y:F4},{(indicator ? (treated ? 1 : 0) : g)}"));
            }
        }

        var path = dir.File(indicator ? "indicator.csv" : "panel.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task The_event_study_covers_the_true_dynamic_effects_and_the_report_draws_it()
    {
        using var dir = TestPaths.NewTempDir();
        var panel = WritePanel(dir, indicator: false);
        var run = await Cli.RunAsync("did", "--data", panel, "--unit", "store", "--time", "week", "--outcome", "sales", "--first-treated", "launch",
            "--bootstrap", "500", "--json", "--report", dir.File("did.html"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<DidAnalysisResult>();
        Assert.Equal(SchemaVersions.Did, result.SchemaVersion);
        Assert.Equal([4, 6], result.Design.Cohorts);
        Assert.Equal(400, result.Design.Units);
        Assert.False(result.PreTrends);
        var post = result.EventStudy.Where(p => p.Key >= 0).ToList();
        Assert.Equal([0, 1, 2, 3, 4], post.Select(p => p.Key).ToArray());
        var covered = post.Count(p => p.BandLower <= TrueEffect(p.Key) && TrueEffect(p.Key) <= p.BandUpper);
        Assert.True(covered == post.Count, $"the uniform band covers {covered} of {post.Count} true dynamic effects");
        Assert.All(result.EventStudy.Where(p => p.Key < 0), p => Assert.True(p.BandLower <= 0 && 0 <= p.BandUpper, $"pre-period {p.Key} band excludes 0"));
        // Effects grow with time since treatment, so the static TWFE coefficient is pulled below the average effect.
        Assert.NotNull(result.TwoWayFixedEffects);
        Assert.True(result.TwoWayFixedEffects!.Estimate < result.Overall.CiLower, $"TWFE {result.TwoWayFixedEffects.Estimate:F3} vs CS {result.Overall.CiLower:F3}..{result.Overall.CiUpper:F3}");
        // The two other overall summaries (did::aggte's dynamic and group): the mean over event times 0+, and the
        // cohort-size-weighted mean of the per-cohort effects.
        Assert.Equal(post.Average(p => p.Estimate), result.EventTimeAverage.Estimate, 10);
        var size = result.GroupTime.GroupBy(g => g.Cohort).ToDictionary(g => g.Key, g => (double)g.First().Treated);
        var weighted = result.ByCohort.Sum(c => size[c.Key] * c.Estimate) / result.ByCohort.Sum(c => size[c.Key]);
        Assert.Equal(weighted, result.CohortAverage.Estimate, 10);
        Assert.All(new[] { result.EventTimeAverage, result.CohortAverage }, a => Assert.True(a.StdError > 0 && a.CiLower < a.Estimate && a.Estimate < a.CiUpper));
        var html = File.ReadAllText(dir.File("did.html"));
        Assert.Contains("average over cohorts (weighted by cohort size)", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"event-study\">", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);

        // The same rollout given as a 0/1 indicator gives the same estimates.
        var fromIndicator = await Cli.RunAsync("did", "--data", WritePanel(dir, indicator: true), "--unit", "store", "--time", "week", "--outcome", "sales",
            "--treated", "live", "--bootstrap", "500", "--json");
        Assert.True(fromIndicator.ExitCode == 0, fromIndicator.ToString());
        Assert.Equal(result.Overall.Estimate, fromIndicator.Json<DidAnalysisResult>().Overall.Estimate, 12);

        var text = await Cli.RunAsync("did", "--data", panel, "--unit", "store", "--time", "week", "--outcome", "sales", "--first-treated", "launch", "--bootstrap", "0");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("two-way fixed effects (comparison only)", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("average over cohorts (size-weighted)", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_covariate_that_separates_a_cohort_from_its_controls_is_not_identifiable_and_says_so()
    {
        using var dir = TestPaths.NewTempDir();
        var lines = new List<string> { "store,week,sales,launch,flagship" };
        var rng = new Random(3);
        for (var u = 0; u < 60; u++)
        {
            var g = u < 20 ? 3 : 0;
            for (var t = 1; t <= 4; t++)
            {
                lines.Add(FormattableString.Invariant($"s{u},{t},{Normal(rng):F4},{g},{(g > 0 ? 1 : 0)}"));
            }
        }

        File.WriteAllLines(dir.File("separated.csv"), lines);
        var run = await Cli.RunAsync("did", "--data", dir.File("separated.csv"), "--unit", "store", "--time", "week", "--outcome", "sales",
            "--first-treated", "launch", "--covariates", "flagship", "--bootstrap", "0");
        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("cannot be estimated with these covariates", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_are_usage_errors_naming_the_problem()
    {
        using var dir = TestPaths.NewTempDir();
        var panel = WritePanel(dir, indicator: false);
        string[] common = ["did", "--data", panel, "--unit", "store", "--time", "week", "--outcome", "sales"];
        var neither = await Cli.RunAsync(common);
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("exactly one of", neither.Stderr, StringComparison.Ordinal);
        var missing = await Cli.RunAsync([.. common, "--first-treated", "start"]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("first-treated column 'start' is not in the data", missing.Stderr, StringComparison.Ordinal);
        var control = await Cli.RunAsync([.. common, "--first-treated", "launch", "--control", "later"]);
        Assert.Equal(2, control.ExitCode);
        Assert.Contains("Valid: never, not-yet", control.Stderr, StringComparison.Ordinal);

        // A unit that stops being treated: treatment is not absorbing.
        File.WriteAllLines(dir.File("reversal.csv"), ["u,t,y,d", "1,1,0,0", "1,2,1,1", "1,3,0,0", "2,1,0,0", "2,2,0,0", "2,3,1,0"]);
        var reversal = await Cli.RunAsync("did", "--data", dir.File("reversal.csv"), "--unit", "u", "--time", "t", "--outcome", "y", "--treated", "d");
        Assert.Equal(2, reversal.ExitCode);
        Assert.Contains("treatment timing cannot be read", reversal.Stderr, StringComparison.Ordinal);

        // Messages name the CLI's flags, not the library's options.
        File.WriteAllLines(dir.File("unbalanced.csv"), ["u,t,y,g", "1,1,0,0", "1,2,1,0", "2,1,0,2", "2,2,3,2", "3,1,0,0"]);
        var unbalanced = await Cli.RunAsync("did", "--data", dir.File("unbalanced.csv"), "--unit", "u", "--time", "t", "--outcome", "y", "--first-treated", "g");
        Assert.Equal(2, unbalanced.ExitCode);
        Assert.Contains("unit 3 has no row for period 2", unbalanced.Stderr, StringComparison.Ordinal);
        Assert.Contains("--drop-incomplete-units", unbalanced.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", unbalanced.Stderr, StringComparison.Ordinal);
        File.WriteAllLines(dir.File("all-treated.csv"), ["u,t,y,g", "1,1,0,2", "1,2,1,2", "2,1,0,3", "2,2,3,3", "2,3,3,3", "1,3,1,2"]);
        var allTreated = await Cli.RunAsync("did", "--data", dir.File("all-treated.csv"), "--unit", "u", "--time", "t", "--outcome", "y", "--first-treated", "g");
        Assert.Equal(2, allTreated.ExitCode);
        Assert.Contains("--control not-yet", allTreated.Stderr, StringComparison.Ordinal);

        // One unit per group runs, but the intervals are flagged (their spread is zero by construction).
        File.WriteAllLines(dir.File("tiny.csv"), ["u,t,y,g", "1,1,0,0", "1,2,1,0", "2,1,0,2", "2,2,3,2"]);
        var tiny = await Cli.RunAsync("did", "--data", dir.File("tiny.csv"), "--unit", "u", "--time", "t", "--outcome", "y", "--first-treated", "g", "--bootstrap", "0");
        Assert.True(tiny.ExitCode == 0, tiny.ToString());
        Assert.Contains("Too few units for trustworthy intervals: the never-treated group has 1, cohort 2 has 1 unit(s)", tiny.Stderr, StringComparison.Ordinal);
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
