using CausalCart.Simulation;

namespace CausalCart.Cli.Tests;

/// <summary>`causalcart simulate` then `causalcart ingest` of its output: the store holds exactly what the simulator wrote.</summary>
public sealed class SimulateIngestRoundTripTests
{
    [Fact]
    public async Task Store_counts_equal_the_simulator_summary_and_reingest_adds_nothing()
    {
        using var dir = TestPaths.NewTempDir();
        var world = dir.File("world");
        var sim = await Cli.RunAsync("simulate", "--users", "3000", "--seed", "5", "--out", world, "--json");
        Assert.True(sim.ExitCode == 0, sim.ToString());
        var summary = SimulationSummary.Load(world);

        var store = dir.File("shop.duckdb");
        var ingest = await Cli.RunAsync("ingest", world, "--format", "generic", "--store", store, "--json");
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var json = ingest.JsonElement();
        Assert.Equal(0, json.GetProperty("rejected").GetInt64());
        Assert.Equal(summary.Events + summary.Exposures + summary.Items + summary.Users, json.GetProperty("read").GetInt64());
        foreach (var (action, count) in summary.EventsByAction)
        {
            Assert.Equal(count, json.GetProperty("actions").TryGetProperty(action, out var got) ? got.GetInt64() : 0);
        }

        Assert.Equal(summary.Exposures, json.GetProperty("exposures").GetInt64());
        Assert.Equal(summary.ActiveUsers, json.GetProperty("users").GetInt64());
        Assert.Equal(summary.Sessions, json.GetProperty("sessions").GetInt64());

        var inspect = await Cli.RunAsync("inspect", "--store", store, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        var quality = inspect.JsonElement();
        Assert.Equal(summary.Events, quality.GetProperty("events").GetInt64());
        foreach (var (campaign, count) in summary.ExposuresByCampaign)
        {
            Assert.Equal(count, quality.GetProperty("exposuresByCampaign").GetProperty(campaign).GetInt64());
        }

        var again = await Cli.RunAsync("ingest", world, "--format", "generic", "--store", store, "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.All(again.JsonElement().GetProperty("files").EnumerateArray(), f => Assert.True(f.GetProperty("alreadyIngested").GetBoolean()));
        Assert.Equal(summary.Events, (await Cli.RunAsync("inspect", "--store", store, "--json")).JsonElement().GetProperty("events").GetInt64());
    }
}
