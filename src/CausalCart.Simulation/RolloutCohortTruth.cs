namespace CausalCart.Simulation;

/// <summary>One treated cohort of the rollout.</summary>
/// <param name="Region">The region.</param>
/// <param name="FirstWeek">First treated week g.</param>
/// <param name="AdoptionTime">Start of week g (midnight UTC), the time of the cohort's exposure rows.</param>
/// <param name="Users">Users in the region.</param>
public sealed record RolloutCohortTruth(string Region, int FirstWeek, DateTimeOffset AdoptionTime, long Users);
