using CausalCart.Simulation;

namespace CausalCart.Cli.Tests;

/// <summary>`causalcart simulate --mediator`: off by default, `cart` writes the mediation table and truths.</summary>
public sealed class SimulateMediatorTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "causalcart-cli-mediator-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Mediator_cart_writes_the_mediation_table_and_truths_and_the_default_writes_neither()
    {
        var plain = Path.Combine(root, "plain");
        var mediated = Path.Combine(root, "mediated");
        var run = await Cli.RunAsync("simulate", "--users", "1000", "--seed", "2", "--out", plain);
        Assert.True(run.ExitCode == 0, run.ToString());
        run = await Cli.RunAsync("simulate", "--users", "1000", "--seed", "2", "--mediator", "cart", "--out", mediated);
        Assert.True(run.ExitCode == 0, run.ToString());

        Assert.False(File.Exists(Path.Combine(plain, ShopSimFiles.MediationUsers)));
        Assert.Null(SimulationTruth.Load(plain).Mediation);
        var truth = SimulationTruth.Load(mediated);
        Assert.NotNull(truth.Mediation);
        Assert.Equal(truth.EligibleUsers, MediationUserTable.Load(mediated).Count);
        Assert.True(File.ReadAllBytes(Path.Combine(plain, ShopSimFiles.Items)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(mediated, ShopSimFiles.Items))));
    }

    [Fact]
    public async Task An_unknown_mediator_is_a_usage_error()
    {
        var run = await Cli.RunAsync("simulate", "--users", "100", "--mediator", "visit", "--out", Path.Combine(root, "x"));
        Assert.Equal(2, run.ExitCode);
    }
}
