namespace CausalCart.Pipeline.Analysis;

/// <summary>Settings of <c>causalcart demo</c>.</summary>
public sealed record DemoOptions
{
    /// <summary>Directory for the simulated world, the store and the reports.</summary>
    public string OutputDirectory { get; init; } = "causalcart-demo";

    /// <summary>Simulated users.</summary>
    public int Users { get; init; } = 20_000;

    /// <summary>Seed of the simulation and the analysis.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Simulations per refutation test.</summary>
    public int RefutationSimulations { get; init; } = 50;
}
