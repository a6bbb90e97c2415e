namespace CausalCart.Simulation;

/// <summary>Progress of a run, reported after each block of users has been written.</summary>
/// <param name="UsersDone">Users simulated and written so far.</param>
/// <param name="UsersTotal">Users in the run.</param>
/// <param name="EventsWritten">Rows written to <c>events.csv</c> so far.</param>
public readonly record struct SimulationProgress(long UsersDone, long UsersTotal, long EventsWritten)
{
    /// <summary>Fraction done, in [0, 1].</summary>
    public double Fraction => UsersTotal == 0 ? 1 : (double)UsersDone / UsersTotal;
}
