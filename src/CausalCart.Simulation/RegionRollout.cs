namespace CausalCart.Simulation;

/// <summary>
/// One cohort of the staggered rollout: a region that gets the campaign from the start of week <see cref="FirstWeek"/> on,
/// with the effect τ(e) = <see cref="Level"/> + <see cref="Slope"/>·e on the log-odds of every checkout, e = whole weeks
/// since adoption (0 in the adoption week).
/// </summary>
/// <param name="Region">One of <c>north, south, east, west, central</c> (the <c>region</c> column of <c>users.csv</c>).</param>
/// <param name="FirstWeek">The region's first treated week g, 2 … the last panel week (week 1 stays untreated everywhere).</param>
/// <param name="Level">Checkout log-odds lift in the adoption week (e = 0); at least 0.</param>
/// <param name="Slope">Extra lift per week since adoption; at least 0, so the effect grows with time since adoption.</param>
public sealed record RegionRollout(string Region, int FirstWeek, double Level, double Slope);
