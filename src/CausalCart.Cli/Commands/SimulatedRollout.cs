namespace CausalCart.Cli.Commands;

/// <summary>The values of <c>causalcart simulate --rollout</c>.</summary>
internal enum SimulatedRollout
{
    /// <summary>No rollout (the default; outputs as before).</summary>
    None,

    /// <summary>Free shipping switched on region by region on different weeks (<see cref="Simulation.RolloutOptions"/>).</summary>
    Staggered,
}
