using CausalCart.Core.Results;
using CausalCart.Pipeline.Validation;

namespace CausalCart.Cli.Tests;

/// <summary><c>--baseline</c> on <c>causalcart simulate</c>, and <c>--targeting</c>/<c>--baseline</c>/<c>--nuisance</c> on <c>causalcart validate coverage</c>.</summary>
public sealed class WorldShapeOptionsTests
{
    [Fact]
    public async Task Simulate_with_a_rules_baseline_writes_a_world_whose_truth_differs_only_in_untreated_outcomes()
    {
        using var dir = TestPaths.NewTempDir();
        string plain = dir.File("plain"), lapsing = dir.File("lapsing");
        var a = await Cli.RunAsync("simulate", "--users", "1500", "--seed", "6", "--targeting", "rules", "--out", plain);
        var b = await Cli.RunAsync("simulate", "--users", "1500", "--seed", "6", "--targeting", "rules", "--baseline", "rules", "--out", lapsing);
        Assert.True(a.ExitCode == 0, a.ToString());
        Assert.True(b.ExitCode == 0, b.ToString());
        var (truthA, truthB) = (Simulation.SimulationTruth.Load(plain).Outcome("any_buy"), Simulation.SimulationTruth.Load(lapsing).Outcome("any_buy"));
        Assert.Equal(truthA.MeanY1, truthB.MeanY1);
        Assert.True(truthB.MeanY0 < truthA.MeanY0, $"mean Y(0) {truthB.MeanY0} with lapsing users, {truthA.MeanY0} without");
    }

    [Fact]
    public async Task Validate_coverage_passes_the_world_shapes_and_the_nuisance_learner_to_the_study()
    {
        var run = await Cli.RunAsync("validate", "coverage", "--worlds", "1", "--users", "800", "--seed", "3",
            "--targeting", "rules", "--baseline", "rules", "--nuisance", "linear", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<CoverageStudyResult>();
        Assert.Contains("nuisance: linear", result.Study, StringComparison.Ordinal);
        Assert.Contains("--targeting rules --baseline rules", result.Study, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_coverage_methods_become_the_study_s_estimators_and_unknown_ones_are_usage_errors()
    {
        var run = await Cli.RunAsync("validate", "coverage", "--worlds", "1", "--users", "800", "--seed", "3", "--methods", "Regression, matching", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<CoverageStudyResult>();
        Assert.Equal([EffectMethod.Regression, EffectMethod.Matching], result.Summaries.Select(s => s.Method).Distinct());
        Assert.Contains("methods regression, matching", result.Study, StringComparison.Ordinal);

        var unknown = await Cli.RunAsync("validate", "coverage", "--worlds", "1", "--methods", "aipw,bart");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Unknown method 'bart' in --methods", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_baseline_is_a_usage_error()
    {
        using var dir = TestPaths.NewTempDir();
        var run = await Cli.RunAsync("simulate", "--users", "100", "--baseline", "wavy", "--out", dir.File("w"));
        Assert.Equal(2, run.ExitCode);
    }
}
