namespace CausalCart.Simulation;

/// <summary>
/// The exact effects of the staggered rollout (<see cref="RolloutOptions"/>) on weekly purchases, in <c>truth.json</c>.
/// Sample estimands over the panel's users (those signed up before its first week, see <see cref="RolloutOptions"/>), exact because both potential outcomes of every user-week come from common random numbers.
/// </summary>
/// <param name="Campaign">The rollout campaign's name (its rows in <c>exposures.csv</c>).</param>
/// <param name="Outcome">What the panel's outcome is, in words.</param>
/// <param name="Weeks">Panel weeks W (week w covers days 7(w − 1) … 7w − 1 after the origin).</param>
/// <param name="Cohorts">The treated cohorts, by first week.</param>
/// <param name="NeverTreatedUsers">Users in regions that never get the campaign.</param>
/// <param name="GroupTime">ATT(g, t) for every cohort with users and every week 1 … W (exactly 0 before adoption).</param>
/// <param name="EventStudy">
/// The event-study truth θ(e) = Σ_g n_g·ATT(g, g + e) / Σ_g n_g over cohorts observed at e (the weights of Callaway &amp;
/// Sant'Anna's dynamic aggregation), for every e with at least one cohort, ascending.
/// </param>
/// <param name="SimpleAtt">The simple aggregation: the mean of ATT(g, t) over post-adoption cells (t ≥ g), each weighted by its cohort's size.</param>
public sealed record RolloutTruth(
    string Campaign,
    string Outcome,
    int Weeks,
    IReadOnlyList<RolloutCohortTruth> Cohorts,
    long NeverTreatedUsers,
    IReadOnlyList<RolloutGroupTimeTruth> GroupTime,
    IReadOnlyList<RolloutEventTimeTruth> EventStudy,
    double SimpleAtt)
{
    /// <summary>The event-study truth at event time <paramref name="eventTime"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No cohort is observed at that event time; the message gives the range.</exception>
    public double EventTimeAtt(int eventTime) =>
        EventStudy.FirstOrDefault(p => p.EventTime == eventTime)?.Att
        ?? throw new ArgumentOutOfRangeException(
            nameof(eventTime),
            $"No cohort is observed at event time {eventTime}; the truth covers {EventStudy[0].EventTime} … {EventStudy[^1].EventTime}.");
}
