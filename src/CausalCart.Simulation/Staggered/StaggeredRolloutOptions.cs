namespace CausalCart.Simulation.Staggered;

/// <summary>One adoption cohort of a staggered rollout: first treated week g, its share of units and its dynamic effect.</summary>
/// <param name="FirstWeek">Week g the campaign reaches this cohort (2 … Weeks; week 1 must stay untreated).</param>
/// <param name="Share">Share of units in the cohort (0 &lt; share; the cohort shares must sum to less than 1, the rest is never treated).</param>
/// <param name="Level">Effect on weekly spend in the adoption week (e = 0).</param>
/// <param name="Slope">Extra effect per week since adoption: τ(g, e) = Level + Slope·e for e ≥ 0, 0 before.</param>
public sealed record RolloutCohort(int FirstWeek, double Share, double Level, double Slope);

/// <summary>
/// Options of a synthetic staggered campaign rollout (a weekly unit panel with known effects), for checking
/// difference-in-differences estimators. Immutable; <see cref="Validate"/> runs before simulation.
/// </summary>
public sealed record StaggeredRolloutOptions
{
    /// <summary>Units (customers or stores). Default 2,000.</summary>
    public int Units { get; init; } = 2000;

    /// <summary>Weeks observed, numbered 1 … Weeks. Default 12.</summary>
    public int Weeks { get; init; } = 12;

    /// <summary>
    /// Cohorts; default weeks 4, 7 and 10 with 20 % of units each (never-treated 40 %) and effects that grow with time
    /// since adoption and differ by cohort (earlier cohorts gain more), so static TWFE is biased.
    /// </summary>
    public IReadOnlyList<RolloutCohort> Cohorts { get; init; } =
    [
        new(4, 0.2, 1.0, 0.5),
        new(7, 0.2, 0.8, 0.3),
        new(10, 0.2, 0.5, 0.2),
    ];

    /// <summary>Mean weekly spend before any effect. Default 20.</summary>
    public double BaseSpend { get; init; } = 20;

    /// <summary>Common weekly trend in spend (added per week). Default 0.3.</summary>
    public double WeeklyTrend { get; init; } = 0.3;

    /// <summary>Standard deviation of the unit's permanent spend level. Default 3.</summary>
    public double UnitSd { get; init; } = 3;

    /// <summary>Difference in mean permanent spend between successive cohorts (selection into early adoption; absorbed by unit effects). Default 1.</summary>
    public double CohortLevelGap { get; init; } = 1;

    /// <summary>Standard deviation of the weekly idiosyncratic noise. Default 2.</summary>
    public double NoiseSd { get; init; } = 2;

    /// <summary>Seed; the same options give the same world on any machine and thread count.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks every option.</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and the valid range.</exception>
    public void Validate()
    {
        if (Units < 10)
        {
            throw new ArgumentException($"Units is {Units}; use at least 10.", nameof(Units));
        }

        if (Weeks < 2)
        {
            throw new ArgumentException($"Weeks is {Weeks}; use at least 2 so every cohort has a pre-treatment week.", nameof(Weeks));
        }

        if (Cohorts is null || Cohorts.Count == 0)
        {
            throw new ArgumentException("Cohorts is empty; give at least one cohort.", nameof(Cohorts));
        }

        double total = 0;
        var seen = new HashSet<int>();
        foreach (RolloutCohort c in Cohorts)
        {
            if (c.FirstWeek < 2 || c.FirstWeek > Weeks)
            {
                throw new ArgumentException($"Cohort first week {c.FirstWeek} is outside 2 … {Weeks} (week 1 must be untreated for everyone).", nameof(Cohorts));
            }

            if (!seen.Add(c.FirstWeek))
            {
                throw new ArgumentException($"Cohort first week {c.FirstWeek} appears twice; merge the cohorts.", nameof(Cohorts));
            }

            if (!(c.Share > 0) || !double.IsFinite(c.Level) || !double.IsFinite(c.Slope))
            {
                throw new ArgumentException($"Cohort {c.FirstWeek}: share must be positive and level/slope finite (share {c.Share}, level {c.Level}, slope {c.Slope}).", nameof(Cohorts));
            }

            total += c.Share;
        }

        if (!(total < 1))
        {
            throw new ArgumentException($"Cohort shares sum to {total}; they must sum to less than 1 so a never-treated cohort remains.", nameof(Cohorts));
        }

        if (!(UnitSd >= 0) || !(NoiseSd >= 0) || !double.IsFinite(BaseSpend) || !double.IsFinite(WeeklyTrend) || !double.IsFinite(CohortLevelGap) || double.IsInfinity(UnitSd) || double.IsInfinity(NoiseSd))
        {
            throw new ArgumentException("UnitSd and NoiseSd must be finite and non-negative; BaseSpend, WeeklyTrend and CohortLevelGap finite.", nameof(NoiseSd));
        }
    }
}
