using CausalCart.Core.Results;
using CausalCart.Simulation;

namespace CausalCart.Cli.Tests;

/// <summary>`causalcart simulate --rollout staggered [--rollout-weeks]`, then `causalcart did` on its panel.</summary>
public sealed class SimulateRolloutTests
{
    [Fact]
    public async Task Rollout_weeks_choose_the_cohorts_and_did_runs_on_the_panel()
    {
        using var dir = TestPaths.NewTempDir();
        var world = dir.File("world");
        var run = await Cli.RunAsync("simulate", "--users", "1500", "--seed", "3", "--rollout", "staggered", "--rollout-weeks", "west=4, north=2", "--out", world);
        Assert.True(run.ExitCode == 0, run.ToString());

        // Earliest adopter takes the first default effect (the largest slope), the next the second.
        var truth = SimulationTruth.Load(world).Rollout!;
        var defaults = new RolloutOptions().Cohorts;
        Assert.Equal(new[] { ("north", 2), ("west", 4) }, truth.Cohorts.Select(c => (c.Region, c.FirstWeek)));
        Assert.Equal(Enumerable.Range(1, 8), truth.GroupTime.Where(c => c.FirstWeek == 2).Select(c => c.Week));
        Assert.True(defaults[0].Slope > defaults[1].Slope);
        Assert.True(truth.EventTimeAtt(6) > truth.EventTimeAtt(0));

        run = await Cli.RunAsync("did", "--data", Path.Combine(world, ShopSimFiles.RolloutPanel), "--unit", "user_id", "--time", "week",
            "--outcome", "purchases", "--first-treated", "first_week", "--bootstrap", "200", "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Json<DidAnalysisResult>();
        Assert.Equal(new[] { 2, 4 }, result.Design.Cohorts);
        Assert.Equal(truth.NeverTreatedUsers, (long)result.Design.NeverTreated);
    }

    [Theory]
    [InlineData("--rollout-weeks", "north=3")]
    [InlineData("--rollout", "staggered", "--rollout-weeks", "north:3")]
    [InlineData("--rollout", "staggered", "--rollout-weeks", "mars=3")]
    [InlineData("--rollout", "staggered", "--rollout-weeks", "north=12")]
    [InlineData("--rollout", "sudden")]
    public async Task Bad_rollout_options_are_usage_errors(params string[] options)
    {
        using var dir = TestPaths.NewTempDir();
        var run = await Cli.RunAsync(["simulate", "--users", "100", "--out", dir.File("x"), .. options]);
        Assert.True(run.ExitCode == 2, run.ToString());
    }
}
