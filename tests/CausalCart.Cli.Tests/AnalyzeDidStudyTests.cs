using CausalCart.Core.Results;

namespace CausalCart.Cli.Tests;

/// <summary><c>analyze</c> with a <c>did:</c> block, end to end on <see cref="RolloutWorld"/>: the store's rollout exposures
/// become cohorts, the weekly buys a panel, and Callaway &amp; Sant'Anna recover the known effect.</summary>
public sealed class AnalyzeDidStudyTests
{
    private const string Spec = """
        study: loyalty-rollout
        data: { events: events.csv, format: generic, exposures: exposures.csv }
        unit: user
        did:
          rollout: loyalty
          arm: on
          start: 2024-01-01T00:00:00Z
          period: 7d
          periods: 8
          outcome: { action: buy, value: count }
        seed: 2
        """;

    [Fact]
    public async Task The_rollout_study_recovers_the_known_effect_with_flat_pre_trends()
    {
        using var dir = TestPaths.NewTempDir();
        RolloutWorld.Write(dir.Path, users: 1500, seed: 5);
        var spec = dir.File("rollout.yaml");
        File.WriteAllText(spec, Spec);

        var run = await Cli.RunAsync("analyze", spec, "--json", "--report", dir.File("did.html"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<DidAnalysisResult>();
        Assert.Equal(SchemaVersions.Did, result.SchemaVersion);
        Assert.Equal("loyalty-rollout", result.Study);
        Assert.Equal(1500, result.Design.Units);
        Assert.Equal(8, result.Design.Periods);
        Assert.Equal([4, 6], result.Design.Cohorts);
        Assert.Equal("buys per period", result.Design.Outcome);
        Assert.StartsWith("the 'loyalty' rollout (arm 'on')", result.Design.Treatment, StringComparison.Ordinal);
        var overall = result.Overall;
        Assert.True(Math.Abs(overall.Estimate - RolloutWorld.Effect) < 3 * overall.StdError,
            $"the overall ATT {overall.Estimate:F3} (se {overall.StdError:F3}) should be within 3 SE of {RolloutWorld.Effect}");
        Assert.False(result.PreTrends, "the rollout was random, so the pre-treatment event times should be flat");
        Assert.All(result.EventStudy.Where(p => p.Key >= 0), p => Assert.True(Math.Abs(p.Estimate - RolloutWorld.Effect) < 3 * p.StdError, $"event time {p.Key}: {p.Estimate:F3} (se {p.StdError:F3})"));
        Assert.All(result.EventStudy.Where(p => p.Key < 0), p => Assert.True(Math.Abs(p.Estimate) < 3 * p.StdError, $"event time {p.Key}: {p.Estimate:F3} (se {p.StdError:F3})"));
        Assert.Contains("<svg", File.ReadAllText(dir.File("did.html")), StringComparison.Ordinal);

        var text = await Cli.RunAsync("analyze", spec);
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("cohort 4:", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("After treatment, 'buys per period' changed by", text.Stdout, StringComparison.Ordinal);

        // Not-yet-treated users as comparisons: the same effect, and the design says so.
        File.WriteAllText(spec, Spec.Replace("  periods: 8\n", "  periods: 8\n  control: not_yet\n", StringComparison.Ordinal));
        var notYet = await Cli.RunAsync("analyze", spec, "--json");
        Assert.True(notYet.ExitCode == 0, notYet.ToString());
        var later = notYet.Json<DidAnalysisResult>();
        Assert.Equal("not_yet_treated", later.Design.ControlGroup);
        Assert.True(Math.Abs(later.Overall.Estimate - RolloutWorld.Effect) < 3 * later.Overall.StdError, $"not-yet ATT {later.Overall.Estimate:F3}");

        // A universal base period and one period of anticipation: the reference event time moves to −2 (exactly 0),
        // event time −1 is then an effect estimate (zero here: users did not anticipate), and the effects stay put.
        File.WriteAllText(spec, Spec.Replace("  periods: 8\n", "  periods: 8\n  base_period: universal\n  anticipation: 1\n", StringComparison.Ordinal));
        var announced = await Cli.RunAsync("analyze", spec, "--json");
        Assert.True(announced.ExitCode == 0, announced.ToString());
        var universal = announced.Json<DidAnalysisResult>();
        Assert.Equal(("universal", 1), (universal.Design.BasePeriod, universal.Design.Anticipation));
        var reference = Assert.Single(universal.EventStudy, p => p.Key == -2);
        Assert.Equal((0.0, 0.0), (reference.Estimate, reference.StdError));
        var before = Assert.Single(universal.EventStudy, p => p.Key == -1);
        Assert.True(Math.Abs(before.Estimate) < 3 * before.StdError, $"event time −1: {before.Estimate:F3} (se {before.StdError:F3})");
        Assert.True(Math.Abs(universal.Overall.Estimate - RolloutWorld.Effect) < 3 * universal.Overall.StdError, $"ATT {universal.Overall.Estimate:F3}");
    }

    [Fact]
    public async Task Pre_start_activity_as_covariates_adjusts_the_comparison_and_keeps_the_effect()
    {
        // The panel starts in week 3, so weeks 1–2 are the look-back: each user's buys there (which track their own buying
        // level) become a covariate, and the doubly robust and regression estimates still recover the effect.
        using var dir = TestPaths.NewTempDir();
        RolloutWorld.Write(dir.Path, users: 1500, seed: 5);
        var spec = dir.File("rollout.yaml");
        string Yaml(string estimation) => Spec
            .Replace("  start: 2024-01-01T00:00:00Z\n", "  start: 2024-01-15T00:00:00Z\n", StringComparison.Ordinal)
            .Replace("  periods: 8\n", $"  periods: 6\n  covariates: {{ actions: [buy], lookback: 14d }}\n  estimation: {estimation}\n", StringComparison.Ordinal);
        foreach (var (estimation, name) in new[] { ("dr", "doubly_robust"), ("reg", "outcome_regression") })
        {
            File.WriteAllText(spec, Yaml(estimation));
            var run = await Cli.RunAsync("analyze", spec, "--json");
            Assert.True(run.ExitCode == 0, run.ToString());
            var result = run.Json<DidAnalysisResult>();
            Assert.Equal(["buy_before"], result.Design.Covariates);
            Assert.Equal(name, result.Design.Estimation);
            Assert.Equal([2, 4], result.Design.Cohorts);
            Assert.True(Math.Abs(result.Overall.Estimate - RolloutWorld.Effect) < 3 * result.Overall.StdError,
                $"{estimation}: the overall ATT {result.Overall.Estimate:F3} (se {result.Overall.StdError:F3}) should be within 3 SE of {RolloutWorld.Effect}");
        }
    }

    [Fact]
    public async Task A_rollout_the_store_lacks_is_a_usage_error_naming_the_campaigns()
    {
        using var dir = TestPaths.NewTempDir();
        RolloutWorld.Write(dir.Path, users: 50, seed: 1);
        var spec = dir.File("rollout.yaml");
        File.WriteAllText(spec, Spec.Replace("rollout: loyalty", "rollout: vip", StringComparison.Ordinal));

        var run = await Cli.RunAsync("analyze", spec);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no campaign 'vip' (did.rollout). Campaigns: loyalty", run.Stderr, StringComparison.Ordinal);

        var graph = await Cli.RunAsync("analyze", spec, "--graph", dir.File("causes.dot"));
        Assert.True(graph.ExitCode == 2, graph.ToString());
        Assert.Contains("--graph does not go with a difference-in-differences study", graph.Stderr, StringComparison.Ordinal);
    }
}
