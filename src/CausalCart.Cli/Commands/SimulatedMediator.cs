namespace CausalCart.Cli.Commands;

/// <summary>The values of <c>causalcart simulate --mediator</c>.</summary>
internal enum SimulatedMediator
{
    /// <summary>No mediator (the default; outputs as before).</summary>
    None,

    /// <summary>A saved cart in the outcome window mediates part of the coupon's effect (<see cref="Simulation.MediatorOptions"/>).</summary>
    Cart,
}
