namespace CausalCart.Simulation;

/// <summary>The event-study truth at one event time.</summary>
/// <param name="EventTime">e = t − g.</param>
/// <param name="Att">θ(e), the cohort-size-weighted mean of ATT(g, g + e).</param>
/// <param name="Users">Σ n_g over the cohorts observed at e.</param>
public sealed record RolloutEventTimeTruth(int EventTime, double Att, long Users);
